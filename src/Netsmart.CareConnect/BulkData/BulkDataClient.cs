using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.CareConnect.Internal;
using Netsmart.Knowledge.Urls;

namespace Netsmart.CareConnect.BulkData;

/// <summary>
/// A FHIR Bulk Data 2.0 export client for a CareConnect tenant (by default its Provider System Access API):
/// kick-off, status polling, completion manifest, file download, cancel and acknowledge.
/// </summary>
/// <remarks>
/// <para>
/// Pass a plain <see cref="HttpClient"/> (no <see cref="CareConnectAuthenticationHandler"/>): this client attaches the
/// bearer token itself, to kick-off and status requests on the tenant's FHIR base, and to file downloads only when the
/// manifest says <c>requiresAccessToken</c> and the file is on the tenant's own origin. Files on other hosts are fetched
/// without it.
/// </para>
/// <para>
/// Certified v1 Bulk Data URLs (<c>/uscore/v1/bulk-data</c>) are never called: they are refused with the v2 URL to use.
/// Status URLs of another tenant, host or environment are refused too.
/// </para>
/// </remarks>
public sealed class BulkDataClient
{
    internal const string FhirJson = "application/fhir+json";
    private const string Ndjson = "application/fhir+ndjson";
    private const int MaxManifestBytes = 64 * 1024 * 1024;
    private const int CopyBufferBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly ICareConnectTokenProvider _tokens;
    private readonly Random _random = new Random();

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">Sends the requests; should not carry its own Authorization handling.</param>
    /// <param name="tenant">The tenant whose export API is called.</param>
    /// <param name="tokenProvider">Supplies backend-services tokens, for example a <see cref="ClientCredentialsTokenProvider"/>.</param>
    /// <param name="options">Options; defaults when null.</param>
    public BulkDataClient(HttpClient httpClient, CareConnectTenant tenant, ICareConnectTokenProvider tokenProvider, BulkDataClientOptions? options = null)
    {
        _http = Guard.NotNull(httpClient, nameof(httpClient));
        Tenant = Guard.NotNull(tenant, nameof(tenant));
        _tokens = Guard.NotNull(tokenProvider, nameof(tokenProvider));
        Options = options ?? new BulkDataClientOptions();
        if (Options.HostPolicy is null || Options.TimeProvider is null)
        {
            throw new ArgumentException("HostPolicy and TimeProvider must not be null.", nameof(options));
        }

        if (Options.MaxTransientFailures < 0 || Options.MaxDownloadAttempts < 1 || Options.MaxLineBytes < 1024 || Options.JitterFraction < 0 || Options.JitterFraction > 1
            || Options.InitialPollInterval < TimeSpan.Zero || Options.MaxPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("The options are out of range (MaxDownloadAttempts >= 1, MaxLineBytes >= 1024, JitterFraction in [0,1], positive intervals).", nameof(options));
        }
    }

    /// <summary>The tenant.</summary>
    public CareConnectTenant Tenant { get; }

    /// <summary>The options.</summary>
    public BulkDataClientOptions Options { get; }

    /// <summary>The FHIR base the export runs on, for example <c>https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant}</c>.</summary>
    public Uri FhirBase => Tenant.GetFhirBaseUri(Options.Api);

    /// <summary>The kick-off URL of a request, without parameters (for example <c>{base}/Group/456/$export</c>).</summary>
    public Uri GetKickOffUri(BulkExportRequest request)
    {
        Guard.NotNull(request, nameof(request));
        switch (request.Level)
        {
            case BulkExportLevel.System:
                return Tenant.Resolve(Options.Api, "$export");
            case BulkExportLevel.Patient:
                return Tenant.Resolve(Options.Api, "Patient/$export");
            case BulkExportLevel.Group:
                if (request.GroupId is null || !IsFhirId(request.GroupId))
                {
                    throw new ArgumentException("A Group export needs GroupId, a FHIR id (1-64 letters, digits, '-' or '.').", nameof(request));
                }

                return Tenant.Resolve(Options.Api, "Group/" + request.GroupId + "/$export");
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Level, "Unknown export level.");
        }
    }

    /// <summary>
    /// Starts an export (<c>Accept: application/fhir+json</c>, <c>Prefer: respond-async</c>): GET with query parameters,
    /// or POST with a FHIR <c>Parameters</c> body when <see cref="BulkExportRequest.UsePost"/> is set or patients are given.
    /// </summary>
    /// <returns>The job, identified by the status URL the server returned in <c>Content-Location</c>.</returns>
    /// <exception cref="CareConnectException">The server refused the kick-off (with its OperationOutcome), or answered without a usable status URL.</exception>
    public async Task<BulkExportJob> StartExportAsync(BulkExportRequest request, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(request, nameof(request));
        var kickOff = GetKickOffUri(request);
        var post = request.UsePost || request.Patients.Count > 0;
        var url = post ? kickOff : new Uri(kickOff.AbsoluteUri + BuildQuery(request), UriKind.Absolute);
        var body = post ? BuildParameters(request) : null;

        using var response = await SendAsync(
            () =>
            {
                var message = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, url);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson));
                message.Headers.TryAddWithoutValidation("Prefer", request.Lenient ? "respond-async, handling=lenient" : "respond-async");
                if (body is not null)
                {
                    message.Content = new ByteArrayContent(body);
                    message.Content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson);
                }

                return message;
            },
            sendToken: true,
            HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            if (response.IsSuccessStatusCode)
            {
                throw new CareConnectException("The Bulk Data kick-off at '" + CareConnectHostPolicy.Describe(kickOff) + "' answered " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + " instead of 202 Accepted; an asynchronous export was expected.");
            }

            throw await CareConnectErrors.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var location = response.Content?.Headers.ContentLocation ?? response.Headers.Location;
        if (location is null)
        {
            throw new CareConnectException("The Bulk Data kick-off at '" + CareConnectHostPolicy.Describe(kickOff) + "' answered 202 without a Content-Location status URL.");
        }

        if (!location.IsAbsoluteUri)
        {
            location = new Uri(kickOff, location);
        }

        return ResumeJob(location);
    }

    /// <summary>
    /// Starts an export from a kick-off URL of this tenant's v2 API (<c>{base}/$export</c>, <c>{base}/Patient/$export</c> or
    /// <c>{base}/Group/{id}/$export</c>); its query is ignored, the parameters come from <paramref name="parameters"/>.
    /// A Certified v1 URL (<c>/uscore/v1/bulk-data/...</c>) is refused with the v2 URL to use; nothing calls v1.
    /// </summary>
    /// <exception cref="CareConnectException">The URL is a v1 URL, or not a kick-off URL of this tenant's export API.</exception>
    public Task<BulkExportJob> StartExportAsync(Uri kickOffUrl, BulkExportRequest? parameters = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(kickOffUrl, nameof(kickOffUrl));
        RefuseV1(kickOffUrl, statusUrl: false);
        var baseText = FhirBase.AbsoluteUri;
        var path = kickOffUrl.IsAbsoluteUri ? kickOffUrl.GetLeftPart(UriPartial.Path) : string.Empty;
        var request = parameters ?? new BulkExportRequest();
        var copy = Copy(request);
        if (!SameOrigin(kickOffUrl, Tenant.Origin) || !path.StartsWith(baseText + "/", StringComparison.Ordinal))
        {
            throw new CareConnectException("Refused the Bulk Data kick-off URL '" + CareConnectHostPolicy.Describe(kickOffUrl) + "': it is not below this client's FHIR base '" + baseText + "' (another tenant, host, environment or API).");
        }

        var rest = Uri.UnescapeDataString(path.Substring(baseText.Length + 1));
        if (rest == "$export")
        {
            copy.Level = BulkExportLevel.System;
        }
        else if (rest == "Patient/$export")
        {
            copy.Level = BulkExportLevel.Patient;
        }
        else if (rest.StartsWith("Group/", StringComparison.Ordinal) && rest.EndsWith("/$export", StringComparison.Ordinal) && IsFhirId(rest.Substring(6, rest.Length - 6 - 8)))
        {
            copy.Level = BulkExportLevel.Group;
            copy.GroupId = rest.Substring(6, rest.Length - 6 - 8);
        }
        else
        {
            throw new CareConnectException("'" + CareConnectHostPolicy.Describe(kickOffUrl) + "' is not a Bulk Data kick-off URL ($export, Patient/$export or Group/{id}/$export below " + baseText + ").");
        }

        return StartExportAsync(copy, cancellationToken);
    }

    /// <summary>
    /// Continues a job from its status URL alone, for example after a restart (persist <see cref="BulkExportJob.StatusUrl"/>).
    /// Makes no request.
    /// </summary>
    /// <exception cref="CareConnectException">
    /// The URL is a Certified v1 status URL (<c>$export-poll-status</c>, which has no v2 twin), or belongs to another
    /// tenant, host or environment, or is not https.
    /// </exception>
    public BulkExportJob ResumeJob(Uri statusUrl)
    {
        Guard.NotNull(statusUrl, nameof(statusUrl));
        EnsureOwnStatusUrl(statusUrl);
        return new BulkExportJob(this, statusUrl);
    }

    /// <summary>Continues a job from its persisted status URL text; see <see cref="ResumeJob(Uri)"/>.</summary>
    public BulkExportJob ResumeJob(string statusUrl)
    {
        Guard.NotNull(statusUrl, nameof(statusUrl));
        if (!Uri.TryCreate(statusUrl.Trim(), UriKind.Absolute, out var uri))
        {
            throw new CareConnectException("The Bulk Data status URL must be an absolute https URL.");
        }

        return ResumeJob(uri);
    }

    /// <summary>
    /// Downloads one manifest file to a stream, unchanged, with a fixed-size buffer. A broken connection or a 429/5xx
    /// answer is retried: from where it stopped with <c>Range</c> when the server supports it, otherwise from the start
    /// (the bytes already written are skipped). Checks the resource count against <see cref="BulkExportFile.Count"/>.
    /// </summary>
    /// <returns>The number of resources (non-empty lines) written.</returns>
    /// <exception cref="CareConnectException">The download failed or the count does not match the manifest.</exception>
    public async Task<long> DownloadAsync(BulkExportManifest manifest, BulkExportFile file, Stream destination, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(manifest, nameof(manifest));
        Guard.NotNull(file, nameof(file));
        Guard.NotNull(destination, nameof(destination));
        using var download = OpenDownload(manifest, file);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            long lines = 0;
            var lineHasContent = false;
            int read;
            while ((read = await download.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (b == (byte)'\n')
                    {
                        if (lineHasContent)
                        {
                            lines++;
                        }

                        lineHasContent = false;
                    }
                    else if (b != (byte)' ' && b != (byte)'\r' && b != (byte)'\t')
                    {
                        lineHasContent = true;
                    }
                }

                await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            }

            if (lineHasContent)
            {
                lines++;
            }

            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            CheckCount(file, lines);
            return lines;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Downloads one manifest file to <paramref name="path"/> (written as <c>path.part</c> and renamed when complete and
    /// its count checked); see <see cref="DownloadAsync"/>.
    /// </summary>
    /// <returns>The number of resources written.</returns>
    public async Task<long> DownloadToFileAsync(BulkExportManifest manifest, BulkExportFile file, string path, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(path, nameof(path));
        var part = path + ".part";
        long lines;
        using (var stream = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true))
        {
            lines = await DownloadAsync(manifest, file, stream, cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists(path))
        {
            File.Delete(path);
        }

        File.Move(part, path);
        return lines;
    }

    /// <summary>
    /// Reads one manifest file line by line with flat memory: each non-empty ndjson line (one resource) as raw UTF-8.
    /// The memory is reused: it is only valid until the next element is requested (copy it to keep it).
    /// Retries like <see cref="DownloadAsync"/>; the count is checked at the end.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadLinesAsync(BulkExportManifest manifest, BulkExportFile file, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Guard.NotNull(manifest, nameof(manifest));
        Guard.NotNull(file, nameof(file));
        using var download = OpenDownload(manifest, file);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        var start = 0;
        var end = 0;
        long lines = 0;
        try
        {
            while (true)
            {
                var newline = end > start ? Array.IndexOf(buffer, (byte)'\n', start, end - start) : -1;
                if (newline >= 0)
                {
                    var length = TrimmedLength(buffer, start, newline - start);
                    var lineStart = start;
                    start = newline + 1;
                    if (length > 0)
                    {
                        lines++;
                        yield return new ReadOnlyMemory<byte>(buffer, lineStart, length);
                    }

                    continue;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length >= Options.MaxLineBytes)
                    {
                        throw new CareConnectException("An ndjson line of " + file + " is longer than MaxLineBytes (" + Options.MaxLineBytes.ToString(CultureInfo.InvariantCulture) + ").");
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Options.MaxLineBytes));
                    Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await download.ReadAsync(buffer, end, buffer.Length - end, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    var length = TrimmedLength(buffer, 0, end);
                    end = 0;
                    if (length > 0)
                    {
                        lines++;
                        yield return new ReadOnlyMemory<byte>(buffer, 0, length);
                    }

                    CheckCount(file, lines);
                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads one manifest file as JSON resources (each line parsed and kept as a self-contained <see cref="JsonElement"/>).</summary>
    public async IAsyncEnumerable<JsonElement> ReadResourcesAsync(BulkExportManifest manifest, BulkExportFile file, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in ReadLinesAsync(manifest, file, cancellationToken).ConfigureAwait(false))
        {
            using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 256 });
            yield return doc.RootElement.Clone();
        }
    }

    /// <summary>
    /// Reads one manifest file as typed resources through a caller-supplied parser of one JSON resource, for example
    /// Firely's <c>json => new FhirJsonParser().Parse&lt;Resource&gt;(json)</c>.
    /// </summary>
    public async IAsyncEnumerable<T> ReadResourcesAsync<T>(BulkExportManifest manifest, BulkExportFile file, Func<string, T> parse, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Guard.NotNull(parse, nameof(parse));
        await foreach (var line in ReadLinesAsync(manifest, file, cancellationToken).ConfigureAwait(false))
        {
            yield return parse(Utf8(line));
        }
    }

    /// <summary>Whether a download of <paramref name="fileUrl"/> carries the bearer token: only when the manifest requires it and the file is https on the tenant's own trusted origin.</summary>
    public bool SendsTokenFor(BulkExportManifest manifest, Uri fileUrl)
    {
        Guard.NotNull(manifest, nameof(manifest));
        Guard.NotNull(fileUrl, nameof(fileUrl));
        return manifest.RequiresAccessToken
            && string.Equals(fileUrl.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase)
            && SameOrigin(fileUrl, Tenant.Origin)
            && Options.HostPolicy.IsTrusted(fileUrl);
    }

    internal async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool sendToken, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var request = create();
            HttpUtil.EnsureRequestId(request);
            CareConnectAccessToken? token = null;
            if (sendToken)
            {
                token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            }

            var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null)
            {
                _tokens.Invalidate(token);
                if (attempt == 0)
                {
                    response.Dispose();
                    request.Dispose();
                    continue; // once, with a fresh token
                }
            }

            return response;
        }
    }

    internal async Task<string> ReadManifestBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        (string text, bool complete) = await HttpUtil.ReadBoundedAsync(content, MaxManifestBytes, cancellationToken).ConfigureAwait(false);
        if (!complete)
        {
            throw new CareConnectException("The Bulk Data completion manifest is larger than 64 MiB.");
        }

        return text;
    }

    internal TimeSpan Jitter(TimeSpan wait)
    {
        double r;
        lock (_random)
        {
            r = _random.NextDouble();
        }

        return wait + TimeSpan.FromTicks((long)(wait.Ticks * Options.JitterFraction * r));
    }

    internal Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = Options.TimeProvider.CreateTimer(_ => tcs.TrySetResult(true), null, delay, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.Register(() => tcs.TrySetCanceled(cancellationToken));
        return tcs.Task.ContinueWith(
            t =>
            {
                registration.Dispose();
                timer.Dispose();
                return t;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    internal static string Describe(Uri uri) => CareConnectHostPolicy.Describe(uri);

    private static string Utf8(ReadOnlyMemory<byte> line)
    {
#if NET8_0_OR_GREATER
        return Encoding.UTF8.GetString(line.Span);
#else
        return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(line, out var segment)
            ? Encoding.UTF8.GetString(segment.Array!, segment.Offset, segment.Count)
            : Encoding.UTF8.GetString(line.ToArray());
#endif
    }

    private ResumableDownload OpenDownload(BulkExportManifest manifest, BulkExportFile file)
    {
        if (!BulkExportManifest.IsAllowedFileUrl(file.Url, Options.AllowInsecureLoopbackFileUrls))
        {
            throw new CareConnectException("Refused to download '" + Describe(file.Url) + "': manifest files must be https URLs.");
        }

        return new ResumableDownload(this, file, SendsTokenFor(manifest, file.Url));
    }

    private void EnsureOwnStatusUrl(Uri statusUrl)
    {
        RefuseV1(statusUrl, statusUrl: true);
        if (!statusUrl.IsAbsoluteUri
            || !string.Equals(statusUrl.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase)
            || statusUrl.UserInfo.Length != 0
            || !SameOrigin(statusUrl, Tenant.Origin)
            || !Options.HostPolicy.IsTrusted(statusUrl))
        {
            throw new CareConnectException(
                "Refused the Bulk Data status URL '" + (statusUrl.IsAbsoluteUri ? Describe(statusUrl) : "(relative)") + "': it is not an https URL on this tenant's origin '" +
                Tenant.Origin.GetLeftPart(UriPartial.Authority) + "' (another host or environment), so it would not receive the access token.");
        }

        var path = statusUrl.AbsolutePath;
        foreach (CareConnectApi api in new[] { CareConnectApi.ProviderSystemAccess, CareConnectApi.ProviderPatientAccess, CareConnectApi.PayerSystemAccess, CareConnectApi.PayerPatientAccess })
        {
            var prefix = Tenant.GetFhirBaseUri(api).AbsolutePath + "/";
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length
                && path.IndexOf("%2f", StringComparison.OrdinalIgnoreCase) < 0 && path.IndexOf("%2e", StringComparison.OrdinalIgnoreCase) < 0
                && path.IndexOf("/../", StringComparison.Ordinal) < 0 && path.IndexOf("/./", StringComparison.Ordinal) < 0)
            {
                return;
            }
        }

        throw new CareConnectException(
            "Refused the Bulk Data status URL '" + Describe(statusUrl) + "': it is not below a FHIR base of tenant " + Tenant +
            " (for example " + FhirBase.AbsoluteUri + "/...); a status URL of another tenant is never polled with this tenant's token.");
    }

    private void RefuseV1(Uri url, bool statusUrl)
    {
        if (!url.IsAbsoluteUri)
        {
            return;
        }

        var match = NetsmartUrlScanner.Classify(url.OriginalString);
        if (match is null || (match.Kind != NetsmartUrlKind.V1BulkData && match.Kind != NetsmartUrlKind.V1PatientAccess))
        {
            return;
        }

        var v2Base = FhirBase.AbsoluteUri;
        if (match.IsExportPollStatus || statusUrl)
        {
            throw new CareConnectException(
                "'" + Describe(url) + "' is a Certified v1 Bulk Data status URL and is not called: v1 $export-poll-status has no v2 twin. " +
                "A v1 job cannot be continued on v2; start a new Bulk Data 2.0 export at " + v2Base + " (for example " + v2Base + "/Group/{id}/$export) " +
                "and poll the Content-Location status URL it returns.");
        }

        var suggestion = v2Base + "/...";
        var canonical = new CareConnectTenant(Tenant.Id, Tenant.Environment);
        if (CareConnectUrlMigrator.TryMigrate(url.GetLeftPart(UriPartial.Path), canonical, CareConnectApi.ProviderSystemAccess, out var migrated))
        {
            // The knowledge core's mapping, on this client's origin (a test or private deployment keeps its origin).
            suggestion = Tenant.Origin.GetLeftPart(UriPartial.Authority) + migrated.AbsolutePath;
        }

        throw new CareConnectException(
            "'" + Describe(url) + "' is a Certified v1 Bulk Data URL (Bulk Data 1.0) and is not called. Use the v2 Provider System Access URL " +
            suggestion + " (Bulk Data 2.0), for example through StartExportAsync(new BulkExportRequest { ... }).");
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.IsAbsoluteUri && b.IsAbsoluteUri
        && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost.TrimEnd('.'), b.IdnHost.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static bool IsFhirId(string id)
    {
        if (id.Length == 0 || id.Length > 64)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static int TrimmedLength(byte[] buffer, int start, int length)
    {
        while (length > 0 && (buffer[start + length - 1] == (byte)'\r' || buffer[start + length - 1] == (byte)' ' || buffer[start + length - 1] == (byte)'\t'))
        {
            length--;
        }

        var i = 0;
        while (i < length && (buffer[start + i] == (byte)' ' || buffer[start + i] == (byte)'\t'))
        {
            i++;
        }

        return i == length ? 0 : length;
    }

    private static void CheckCount(BulkExportFile file, long lines)
    {
        if (file.Count is { } expected && expected != lines)
        {
            throw new CareConnectException(
                "The Bulk Data file " + file + " has " + lines.ToString(CultureInfo.InvariantCulture) + " resources, but the manifest says " + expected.ToString(CultureInfo.InvariantCulture) + ".");
        }
    }

    private static BulkExportRequest Copy(BulkExportRequest r)
    {
        var copy = new BulkExportRequest
        {
            Level = r.Level,
            GroupId = r.GroupId,
            Since = r.Since,
            Until = r.Until,
            OutputFormat = r.OutputFormat,
            UsePost = r.UsePost,
            Lenient = r.Lenient,
        };
        foreach (var t in r.Types)
        {
            copy.Types.Add(t);
        }

        foreach (var t in r.TypeFilters)
        {
            copy.TypeFilters.Add(t);
        }

        foreach (var t in r.IncludeAssociatedData)
        {
            copy.IncludeAssociatedData.Add(t);
        }

        foreach (var t in r.Patients)
        {
            copy.Patients.Add(t);
        }

        return copy;
    }

    private static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string BuildQuery(BulkExportRequest r)
    {
        var parts = new List<string>();
        void Add(string name, string value) => parts.Add(name + "=" + Uri.EscapeDataString(value));
        if (!string.IsNullOrEmpty(r.OutputFormat))
        {
            Add("_outputFormat", r.OutputFormat!);
        }

        if (r.Since is { } since)
        {
            Add("_since", Instant(since));
        }

        if (r.Until is { } until)
        {
            Add("_until", Instant(until));
        }

        if (r.Types.Count > 0)
        {
            Add("_type", string.Join(",", r.Types));
        }

        foreach (var filter in r.TypeFilters)
        {
            Add("_typeFilter", filter);
        }

        if (r.IncludeAssociatedData.Count > 0)
        {
            Add("includeAssociatedData", string.Join(",", r.IncludeAssociatedData));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    private static byte[] BuildParameters(BulkExportRequest r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("resourceType", "Parameters");
            w.WriteStartArray("parameter");
            void Param(string name, string valueKind, string value)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString(valueKind, value);
                w.WriteEndObject();
            }

            if (!string.IsNullOrEmpty(r.OutputFormat))
            {
                Param("_outputFormat", "valueString", r.OutputFormat!);
            }

            if (r.Since is { } since)
            {
                Param("_since", "valueInstant", Instant(since));
            }

            if (r.Until is { } until)
            {
                Param("_until", "valueInstant", Instant(until));
            }

            if (r.Types.Count > 0)
            {
                Param("_type", "valueString", string.Join(",", r.Types));
            }

            foreach (var filter in r.TypeFilters)
            {
                Param("_typeFilter", "valueString", filter);
            }

            foreach (var data in r.IncludeAssociatedData)
            {
                Param("includeAssociatedData", "valueCode", data);
            }

            foreach (var patient in r.Patients)
            {
                w.WriteStartObject();
                w.WriteString("name", "patient");
                w.WriteStartObject("valueReference");
                w.WriteString("reference", patient);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }
}
