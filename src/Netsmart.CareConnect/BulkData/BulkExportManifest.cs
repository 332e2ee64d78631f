using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect.BulkData;

/// <summary>Which list of the manifest a file comes from.</summary>
public enum BulkExportFileKind
{
    /// <summary><c>output[]</c>: exported resources.</summary>
    Output = 0,

    /// <summary><c>error[]</c>: OperationOutcome resources (errors or information).</summary>
    Error = 1,

    /// <summary><c>deleted[]</c>: transaction Bundles of DELETE entries (Bulk Data 2.0).</summary>
    Deleted = 2,
}

/// <summary>One ndjson file of a completion manifest.</summary>
public sealed class BulkExportFile
{
    /// <summary>Creates a file entry.</summary>
    public BulkExportFile(BulkExportFileKind kind, string type, Uri url, long? count, JsonElement? extension)
    {
        Kind = kind;
        Type = Guard.NotNull(type, nameof(type));
        Url = Guard.NotNull(url, nameof(url));
        Count = count;
        Extension = extension;
    }

    /// <summary>The manifest list the entry comes from.</summary>
    public BulkExportFileKind Kind { get; }

    /// <summary>The resource type of the file (<c>OperationOutcome</c> for errors, <c>Bundle</c> for deleted).</summary>
    public string Type { get; }

    /// <summary>The absolute URL of the file.</summary>
    public Uri Url { get; }

    /// <summary>The number of resources in the file, when the server says.</summary>
    public long? Count { get; }

    /// <summary>The entry's <c>extension</c> object, if any.</summary>
    public JsonElement? Extension { get; }

    /// <inheritdoc />
    public override string ToString() => Kind + " " + Type + " " + CareConnectHostPolicy.Describe(Url) + (Count is null ? string.Empty : " (" + Count.Value.ToString(CultureInfo.InvariantCulture) + ")");
}

/// <summary>The completion manifest of a Bulk Data export (the body of the final 200 status response).</summary>
public sealed class BulkExportManifest
{
    private BulkExportManifest(DateTimeOffset transactionTime, string request, bool requiresAccessToken, IReadOnlyList<BulkExportFile> output, IReadOnlyList<BulkExportFile> error, IReadOnlyList<BulkExportFile> deleted, JsonElement? extension)
    {
        TransactionTime = transactionTime;
        Request = request;
        RequiresAccessToken = requiresAccessToken;
        Output = output;
        Error = error;
        Deleted = deleted;
        Extension = extension;
    }

    /// <summary>The server time the export reflects: use it as the next <c>_since</c>.</summary>
    public DateTimeOffset TransactionTime { get; }

    /// <summary>The full kick-off URL the export was started with (as the server reports it).</summary>
    public string Request { get; }

    /// <summary>Whether file downloads need the access token.</summary>
    public bool RequiresAccessToken { get; }

    /// <summary>The output files (<c>output[]</c>).</summary>
    public IReadOnlyList<BulkExportFile> Output { get; }

    /// <summary>The error files (<c>error[]</c>), OperationOutcome ndjson.</summary>
    public IReadOnlyList<BulkExportFile> Error { get; }

    /// <summary>The deleted-resource files (<c>deleted[]</c>), transaction Bundle ndjson.</summary>
    public IReadOnlyList<BulkExportFile> Deleted { get; }

    /// <summary>The manifest's <c>extension</c> object, if any.</summary>
    public JsonElement? Extension { get; }

    /// <summary>
    /// Parses a manifest. File URLs must be absolute <c>https</c> URLs (plain <c>http</c> on loopback only with
    /// <paramref name="allowInsecureLoopback"/>, for tests).
    /// </summary>
    /// <exception cref="CareConnectException">The manifest is not valid JSON, lacks required fields or names a file URL that is not https.</exception>
    public static BulkExportManifest Parse(string json, bool allowInsecureLoopback = false)
    {
        Guard.NotNull(json, nameof(json));
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the body is not a JSON object");
            }

            var timeText = Json.String(root, "transactionTime") ?? throw Invalid("transactionTime is missing");
            if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var transactionTime))
            {
                throw Invalid("transactionTime is not an instant");
            }

            var request = Json.String(root, "request") ?? throw Invalid("request is missing");
            var requires = Json.Bool(root, "requiresAccessToken") ?? throw Invalid("requiresAccessToken is missing");
            return new BulkExportManifest(
                transactionTime,
                request,
                requires,
                Files(root, "output", BulkExportFileKind.Output, allowInsecureLoopback),
                Files(root, "error", BulkExportFileKind.Error, allowInsecureLoopback),
                Files(root, "deleted", BulkExportFileKind.Deleted, allowInsecureLoopback),
                ExtensionOf(root));
        }
        catch (JsonException)
        {
            throw Invalid("the body is not valid JSON");
        }
    }

    internal static bool IsAllowedFileUrl(Uri url, bool allowInsecureLoopback)
    {
        if (!url.IsAbsoluteUri || url.UserInfo.Length != 0)
        {
            return false;
        }

        if (string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return allowInsecureLoopback
            && string.Equals(url.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase)
            && IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip)
            && IPAddress.IsLoopback(ip);
    }

    private static IReadOnlyList<BulkExportFile> Files(JsonElement root, string name, BulkExportFileKind kind, bool allowInsecureLoopback)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            if (kind == BulkExportFileKind.Output)
            {
                throw Invalid("output is missing");
            }

            return Array.Empty<BulkExportFile>();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(name + " is not an array");
        }

        var list = new List<BulkExportFile>();
        foreach (var item in array.EnumerateArray())
        {
            var type = Json.String(item, "type") ?? throw Invalid(name + "[].type is missing");
            var urlText = Json.String(item, "url") ?? throw Invalid(name + "[].url is missing");
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url))
            {
                throw Invalid(name + "[].url is not an absolute URL");
            }

            if (!IsAllowedFileUrl(url, allowInsecureLoopback))
            {
                throw Invalid(name + "[].url '" + CareConnectHostPolicy.Describe(url) + "' is not an https URL");
            }

            long? count = null;
            if (item.TryGetProperty("count", out var c) && c.ValueKind != JsonValueKind.Null)
            {
                if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt64(out var n) || n < 0)
                {
                    throw Invalid(name + "[].count is not a non-negative integer");
                }

                count = n;
            }

            list.Add(new BulkExportFile(kind, type, url, count, ExtensionOf(item)));
        }

        return list;
    }

    private static JsonElement? ExtensionOf(JsonElement obj) =>
        obj.TryGetProperty("extension", out var e) && e.ValueKind == JsonValueKind.Object ? e.Clone() : (JsonElement?)null;

    private static CareConnectException Invalid(string reason) =>
        new CareConnectException("The Bulk Data completion manifest was rejected: " + reason + ".");
}
