using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Netsmart.CareConnect.Tests.BulkData;

/// <summary>What the status URL answers on one poll.</summary>
public enum StatusStep
{
    /// <summary>202, no headers.</summary>
    Accepted,

    /// <summary>202 with Retry-After: 120 and X-Progress: 50%.</summary>
    AcceptedRetryAfter120,

    /// <summary>429 with Retry-After as an HTTP-date 30 s ahead (on the server's clock).</summary>
    TooManyRequests,

    /// <summary>500 with a plain text body.</summary>
    ServerError,

    /// <summary>400 with an OperationOutcome whose issue code is "transient".</summary>
    TransientOutcome,

    /// <summary>200 with the completion manifest (also every poll after the script ends).</summary>
    Complete,
}

/// <summary>
/// A real HTTPS Bulk Data 2.0 server on 127.0.0.1 (port 0) playing a CareConnect tenant's token endpoint (client_secret_basic)
/// and Provider System Access export API, plus a second HTTPS server on 127.0.0.2 (another host) serving files.
/// Both use one self-signed certificate that only the handler of <see cref="CreateHttpClient"/> trusts.
/// </summary>
public sealed class FakeBulkDataServer : IAsyncDisposable
{
    public const string ClientId = "bulk-client";
    public const string ClientSecret = "bulk-s3cret";
    public const int BigLineBytes = 1000;

    private readonly WebApplication _main;
    private readonly WebApplication _other;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentDictionary<string, Guid> _tokens = new();
    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private readonly ConcurrentQueue<Recorded> _requests = new();
    private readonly ConcurrentDictionary<string, int> _breaks = new();
    private int _counter;

    private FakeBulkDataServer(WebApplication main, WebApplication other, X509Certificate2 certificate, TimeProvider clock)
    {
        _main = main;
        _other = other;
        _certificate = certificate;
        Clock = clock;
    }

    public TimeProvider Clock { get; }

    public Uri Origin { get; private set; } = null!;

    public Uri OtherOrigin { get; private set; } = null!;

    public Guid TenantId { get; } = Guid.NewGuid();

    public CareConnectTenant Tenant => new CareConnectTenant(TenantId).WithOrigin(Origin);

    /// <summary>Trusts both loopback hosts, so only the client's own-origin rule keeps the token off the other host.</summary>
    public CareConnectHostPolicy HostPolicy => new(new[] { "127.0.0.1", "127.0.0.2" });

    /// <summary>The status script of jobs started from now on.</summary>
    public IReadOnlyList<StatusStep> Script { get; set; } = new[]
    {
        StatusStep.Accepted, StatusStep.AcceptedRetryAfter120, StatusStep.TooManyRequests, StatusStep.ServerError, StatusStep.TransientOutcome, StatusStep.Complete,
    };

    public bool RequiresAccessToken { get; set; } = true;

    /// <summary>Adds the flaky files (Condition: breaks once, supports Range; Encounter: breaks once, no Range) to the manifest.</summary>
    public bool IncludeFlakyFiles { get; set; }

    /// <summary>Adds a Procedure file whose manifest count (5) does not match its 4 lines.</summary>
    public bool IncludeWrongCount { get; set; }

    /// <summary>Adds a generated Patient file of this many lines of <see cref="BigLineBytes"/> bytes each.</summary>
    public long BigFileLines { get; set; }

    public IReadOnlyList<Recorded> Requests => _requests.ToArray();

    public static async Task<FakeBulkDataServer> StartAsync(TimeProvider? clock = null)
    {
        var certificate = CreateCertificate();
        var main = Build(IPAddress.Loopback, certificate);
        var other = Build(IPAddress.Parse("127.0.0.2"), certificate);
        var server = new FakeBulkDataServer(main, other, certificate, clock ?? TimeProvider.System);
        server.MapMain(main);
        server.MapOther(other);
        await main.StartAsync();
        await other.StartAsync();
        server.Origin = AddressOf(main);
        server.OtherOrigin = AddressOf(other);
        return server;
    }

    public HttpClient CreateHttpClient() => new(CreateHandler());

    /// <summary>A handler that trusts exactly this server's certificate (for IHttpClientFactory registrations).</summary>
    public HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == _certificate.GetCertHashString(),
        },
    };

    /// <summary>A backend-services token provider (client_secret_basic) on this server's token endpoint: the library's own machinery.</summary>
    public ClientCredentialsTokenProvider CreateTokenProvider(HttpClient http) =>
        new(new CareConnectTokenClient(http, new CareConnectTokenClientOptions { HostPolicy = HostPolicy, TimeProvider = Clock }),
            Tenant.TokenEndpoint,
            CareConnectClientCredentials.ClientSecret(ClientId, ClientSecret),
            "system/*.rs");

    public string StatusPath(string jobId) => "/provider/system-access/v2/" + TenantId.ToString("D") + "/$export-status/" + jobId;

    public int StatusPolls => _requests.Count(r => r.Method == "GET" && r.Path.Contains("/$export-status/", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _main.DisposeAsync();
        await _other.DisposeAsync();
        _certificate.Dispose();
    }

    private static WebApplication Build(IPAddress address, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Limits.MaxResponseBufferSize = 1024 * 1024;
            k.Listen(address, 0, l => l.UseHttps(certificate));
        });
        return builder.Build();
    }

    private static Uri AddressOf(WebApplication app) =>
        new(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).GetLeftPart(UriPartial.Authority) + "/");

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.Parse("127.0.0.2"));
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private void Record(HttpContext context, string host, string? body = null) =>
        _requests.Enqueue(new Recorded(
            host,
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));

    private void MapMain(WebApplication app)
    {
        var tenantBase = "/provider/system-access/v2/{tenant}";
        app.MapPost("/auth/{tenant}/oauth2/v1/token", async (string tenant, HttpContext context) =>
        {
            Record(context, "main");
            var form = await context.Request.ReadFormAsync();
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret));
            if (context.Request.Headers.Authorization.ToString() != expected || tenant != TenantId.ToString("D") || form["grant_type"] != "client_credentials")
            {
                return Results.Json(new { error = "invalid_client", error_description = "bad client" }, statusCode: 401);
            }

            var token = "bt-" + Guid.NewGuid().ToString("N");
            _tokens[token] = TenantId;
            return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 300, scope = form["scope"].ToString() });
        });

        app.MapMethods(tenantBase + "/$export", new[] { "GET", "POST" }, (string tenant, HttpContext context) => KickOff(tenant, "system", null, context));
        app.MapMethods(tenantBase + "/Patient/$export", new[] { "GET", "POST" }, (string tenant, HttpContext context) => KickOff(tenant, "patient", null, context));
        app.MapMethods(tenantBase + "/Group/{id}/$export", new[] { "GET", "POST" }, (string tenant, string id, HttpContext context) => KickOff(tenant, "group", id, context));
        app.MapGet(tenantBase + "/$export-status/{job}", (string tenant, string job, HttpContext context) => Status(tenant, job, context));
        app.MapDelete(tenantBase + "/$export-status/{job}", (string tenant, string job, HttpContext context) =>
        {
            Record(context, "main");
            if (!Authorized(context, tenant))
            {
                return Outcome(401, "security", "Invalid or missing access token");
            }

            if (!_jobs.TryGetValue(job, out var j) || j.Deleted)
            {
                return Outcome(404, "not-found", "Unknown job");
            }

            j.Deleted = true;
            return Results.StatusCode(202);
        });
        app.MapGet("/files/{job}/{name}", (string job, string name, HttpContext context) => MainFile(job, name, context));
    }

    private void MapOther(WebApplication app) =>
        app.MapGet("/files/{job}/{name}", async (string job, string name, HttpContext context) =>
        {
            Record(context, "other");
            await WriteLines(context, Lines("Observation", 2));
        });

    private async Task<IResult> KickOff(string tenant, string level, string? groupId, HttpContext context)
    {
        string? body = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
        }

        Record(context, "main", body);
        if (!Authorized(context, tenant))
        {
            return Outcome(401, "security", "Invalid or missing access token");
        }

        if (context.Request.Headers["Prefer"].ToString().IndexOf("respond-async", StringComparison.Ordinal) < 0
            || context.Request.Headers.Accept.ToString() != "application/fhir+json")
        {
            return Outcome(400, "invalid", "Prefer: respond-async and Accept: application/fhir+json are required");
        }

        if (groupId == "bad")
        {
            return Outcome(400, "not-supported", "Unsupported _type Basic for this Group");
        }

        var id = "job-" + Interlocked.Increment(ref _counter);
        _jobs[id] = new Job(id, Script.ToArray(), Origin.AbsoluteUri.TrimEnd('/') + context.Request.Path + context.Request.QueryString);
        context.Response.Headers.ContentLocation = Origin.AbsoluteUri.TrimEnd('/') + StatusPath(id);
        return Results.StatusCode(202);
    }

    private IResult Status(string tenant, string jobId, HttpContext context)
    {
        Record(context, "main");
        if (!Authorized(context, tenant))
        {
            return Outcome(401, "security", "Invalid or missing access token");
        }

        if (!_jobs.TryGetValue(jobId, out var job) || job.Deleted)
        {
            return Outcome(404, "not-found", "Unknown or deleted job");
        }

        var step = job.Next();
        switch (step)
        {
            case StatusStep.Accepted:
                return Results.StatusCode(202);
            case StatusStep.AcceptedRetryAfter120:
                context.Response.Headers.RetryAfter = "120";
                context.Response.Headers["X-Progress"] = "50%";
                return Results.StatusCode(202);
            case StatusStep.TooManyRequests:
                context.Response.Headers.RetryAfter = Clock.GetUtcNow().AddSeconds(30).ToString("r", CultureInfo.InvariantCulture);
                return Outcome(429, "throttled", "Polling too often");
            case StatusStep.ServerError:
                return Results.Text("upstream failure", "text/plain", Encoding.UTF8, 500);
            case StatusStep.TransientOutcome:
                return Outcome(400, "transient", "The status store is busy; retry later");
            default:
                return Results.Text(Manifest(job), "application/json");
        }
    }

    private string Manifest(Job job)
    {
        var main = Origin.AbsoluteUri + "files/" + job.Id + "/";
        var other = OtherOrigin.AbsoluteUri + "files/" + job.Id + "/";
        var output = new List<object>
        {
            new { type = "Patient", url = main + "Patient.ndjson", count = 3 },
            new { type = "Observation", url = other + "Observation.ndjson", count = 2 },
        };
        if (IncludeFlakyFiles)
        {
            output.Add(new { type = "Condition", url = main + "Condition.ndjson", count = 50 });
            output.Add(new { type = "Encounter", url = main + "Encounter.ndjson", count = 50 });
        }

        if (IncludeWrongCount)
        {
            output.Add(new { type = "Procedure", url = main + "Procedure.ndjson", count = 5 });
        }

        if (BigFileLines > 0)
        {
            output.Add(new { type = "Patient", url = main + "Big.ndjson", count = BigFileLines });
        }

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["transactionTime"] = "2026-12-03T12:00:00.123Z",
            ["request"] = job.Request,
            ["requiresAccessToken"] = RequiresAccessToken,
            ["output"] = output,
            ["error"] = new[] { new { type = "OperationOutcome", url = main + "OperationOutcome.ndjson" } },
            ["deleted"] = new[] { new { type = "Bundle", url = main + "Deleted.ndjson", count = 1 } },
            ["extension"] = new Dictionary<string, object> { ["https://netsmart.example/export-size"] = 42 },
        });
    }

    private async Task MainFile(string jobId, string name, HttpContext context)
    {
        Record(context, "main");
        if (RequiresAccessToken && !Authorized(context, TenantId.ToString("D")))
        {
            context.Response.StatusCode = 401;
            return;
        }

        switch (name)
        {
            case "Patient.ndjson":
                await WriteLines(context, Lines("Patient", 3));
                break;
            case "Procedure.ndjson":
                await WriteLines(context, Lines("Procedure", 4));
                break;
            case "OperationOutcome.ndjson":
                await WriteLines(context, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"information\",\"code\":\"informational\",\"diagnostics\":\"3 resources skipped\"}]}\n");
                break;
            case "Deleted.ndjson":
                await WriteLines(context, "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":{\"method\":\"DELETE\",\"url\":\"Patient/gone\"}}]}\n");
                break;
            case "Condition.ndjson":
            case "Encounter.ndjson":
                await Flaky(context, name, withRanges: name.StartsWith("Condition", StringComparison.Ordinal));
                break;
            case "Big.ndjson":
                await Big(context);
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private async Task Flaky(HttpContext context, string name, bool withRanges)
    {
        var bytes = Encoding.UTF8.GetBytes(Lines(name.Substring(0, name.IndexOf('.')), 50));
        var start = 0L;
        if (withRanges)
        {
            context.Response.Headers.AcceptRanges = "bytes";
            var range = context.Request.Headers.Range.ToString();
            if (range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            {
                start = long.Parse(range.AsSpan(6, range.Length - 7), CultureInfo.InvariantCulture);
                context.Response.StatusCode = 206;
                context.Response.Headers.ContentRange = "bytes " + start + "-" + (bytes.Length - 1) + "/" + bytes.Length;
            }
        }

        context.Response.ContentType = "application/fhir+ndjson";
        context.Response.ContentLength = bytes.Length - start;
        if (_breaks.AddOrUpdate(name, 1, (_, n) => n + 1) == 1)
        {
            // First attempt: a third of the file, then the connection drops.
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 3));
            await context.Response.Body.FlushAsync();
            await Task.Delay(200); // let the bytes leave the socket before the connection drops (Abort discards pending output)
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(bytes.AsMemory((int)start));
    }

    private async Task Big(HttpContext context)
    {
        // BigFileLines lines of exactly BigLineBytes bytes, generated on the fly into one reused buffer.
        const int linesPerChunk = 64;
        var chunk = new byte[BigLineBytes * linesPerChunk];
        var prefix = Encoding.ASCII.GetBytes("{\"resourceType\":\"Patient\",\"id\":\"p");
        var suffix = Encoding.ASCII.GetBytes("\",\"text\":{\"div\":\"");
        for (var l = 0; l < linesPerChunk; l++)
        {
            var o = l * BigLineBytes;
            prefix.CopyTo(chunk, o);
            suffix.CopyTo(chunk, o + prefix.Length + 12);
            chunk.AsSpan(o + prefix.Length + 12 + suffix.Length, BigLineBytes - prefix.Length - 12 - suffix.Length - 4).Fill((byte)'x');
            Encoding.ASCII.GetBytes("\"}}\n").CopyTo(chunk, o + BigLineBytes - 4);
        }

        context.Response.ContentType = "application/fhir+ndjson";
        context.Response.ContentLength = BigFileLines * BigLineBytes;
        for (long written = 0; written < BigFileLines; written += linesPerChunk)
        {
            var n = (int)Math.Min(linesPerChunk, BigFileLines - written);
            for (var l = 0; l < n; l++)
            {
                Utf8Formatter.TryFormat(written + l, chunk.AsSpan(l * BigLineBytes + prefix.Length, 12), out _, new System.Buffers.StandardFormat('D', 12));
            }

            await context.Response.Body.WriteAsync(chunk.AsMemory(0, n * BigLineBytes), context.RequestAborted);
        }
    }

    private static async Task WriteLines(HttpContext context, string text)
    {
        context.Response.ContentType = "application/fhir+ndjson";
        await context.Response.WriteAsync(text);
    }

    private static string Lines(string type, int count)
    {
        var sb = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            sb.Append("{\"resourceType\":\"").Append(type).Append("\",\"id\":\"").Append(type.ToLowerInvariant()).Append('-').Append(i)
              .Append(type == "Patient" ? "\",\"name\":[{\"family\":\"Doe\"}]}" : "\"}").Append('\n');
        }

        return sb.ToString();
    }

    private bool Authorized(HttpContext context, string tenant)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            && _tokens.TryGetValue(authorization.Substring(7), out var t)
            && t.ToString("D") == tenant;
    }

    private static IResult Outcome(int status, string code, string diagnostics)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["resourceType"] = "OperationOutcome",
            ["issue"] = new[] { new Dictionary<string, object> { ["severity"] = "error", ["code"] = code, ["diagnostics"] = diagnostics } },
        });
        return Results.Text(json, "application/fhir+json", Encoding.UTF8, status);
    }

    public sealed record Recorded(string Host, string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string? Body)
    {
        public string? Authorization => Headers.TryGetValue("Authorization", out var v) ? v : null;
    }

    private sealed class Job
    {
        private readonly StatusStep[] _script;
        private int _next;

        public Job(string id, StatusStep[] script, string request)
        {
            Id = id;
            _script = script;
            Request = request;
        }

        public string Id { get; }

        public string Request { get; }

        public bool Deleted { get; set; }

        public StatusStep Next()
        {
            var i = Interlocked.Increment(ref _next) - 1;
            return i < _script.Length ? _script[i] : StatusStep.Complete;
        }
    }
}
