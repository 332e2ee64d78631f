using System;
using System.Globalization;
using System.Net;

namespace Netsmart.CareConnect.BulkData;

/// <summary>One status poll of a running export, reported through <see cref="IProgress{T}"/>.</summary>
public sealed class BulkExportProgress
{
    /// <summary>Creates a progress report.</summary>
    public BulkExportProgress(HttpStatusCode statusCode, string? xProgress, TimeSpan nextPollIn, int attempt, bool isTransientError)
    {
        StatusCode = statusCode;
        XProgress = xProgress;
        NextPollIn = nextPollIn;
        Attempt = attempt;
        IsTransientError = isTransientError;
    }

    /// <summary>The status of the poll: 202 while in progress, or the status of a transient failure (429, 5xx, ...).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's <c>X-Progress</c> text (free text, for example <c>50%</c> or <c>Exporting Observation</c>), if any.</summary>
    public string? XProgress { get; }

    /// <summary>The percentage found in <see cref="XProgress"/> (for example 50 for <c>"50%"</c> or <c>"50 % complete"</c>), if any.</summary>
    public double? Percent
    {
        get
        {
            if (XProgress is null)
            {
                return null;
            }

            var pct = XProgress.IndexOf('%');
            if (pct <= 0)
            {
                return null;
            }

            var start = pct;
            while (start > 0 && (char.IsDigit(XProgress[start - 1]) || XProgress[start - 1] == '.' || XProgress[start - 1] == ' '))
            {
                start--;
            }

            return double.TryParse(XProgress.Substring(start, pct - start).Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : (double?)null;
        }
    }

    /// <summary>How long the client waits before the next poll (Retry-After or backoff, capped, with jitter).</summary>
    public TimeSpan NextPollIn { get; }

    /// <summary>The number of this poll, starting at 1.</summary>
    public int Attempt { get; }

    /// <summary>Whether this poll failed transiently (429, 5xx or an OperationOutcome with code <c>transient</c>) and will be retried.</summary>
    public bool IsTransientError { get; }

    /// <inheritdoc />
    public override string ToString() =>
        "BulkExportProgress { Status = " + ((int)StatusCode).ToString(CultureInfo.InvariantCulture) + ", XProgress = " + XProgress + ", NextPollIn = " + NextPollIn.ToString() + " }";
}
