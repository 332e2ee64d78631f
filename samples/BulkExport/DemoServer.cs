using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BulkExportSample;

/// <summary>
/// For --demo only: a fake CareConnect tenant on https://127.0.0.1 (random port, throw-away self-signed certificate)
/// with a token endpoint that verifies private_key_jwt and a Bulk Data 2.0 export that takes a few polls.
/// </summary>
internal sealed class DemoServer : IAsyncDisposable
{
    public const string ClientId = "demo-bulk-client";
    public static readonly Guid TenantId = Guid.Parse("43477c76-ceb6-47ed-81c8-1b7c0ae10ca6");

    private static readonly string[] Progress = { "25%", "50%", "75%" };
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly SecurityKey _clientKey;
    private readonly ConcurrentDictionary<string, byte> _tokens = new();
    private readonly ConcurrentDictionary<string, int> _jobs = new();

    private DemoServer(WebApplication app, X509Certificate2 certificate, SecurityKey clientKey)
    {
        _app = app;
        _certificate = certificate;
        _clientKey = clientKey;
    }

    public Uri Origin { get; private set; } = null!;

    public static async Task<DemoServer> StartAsync(SecurityKey clientPublicKey)
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var server = new DemoServer(app, certificate, clientPublicKey);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Origin = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority));
        return server;
    }

    /// <summary>An HttpClient that trusts exactly this server's certificate.</summary>
    public HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == _certificate.GetCertHashString(),
        },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private void Map(WebApplication app)
    {
        var tenant = TenantId.ToString("D");
        var fhirBase = "/provider/system-access/v2/" + tenant;
        app.MapPost("/auth/" + tenant + "/oauth2/v1/token", (Delegate)((HttpContext context) => Token(context)));
        app.MapMethods(fhirBase + "/Group/{id}/$export", new[] { "GET", "POST" }, (string id, HttpContext context) => KickOff(context));
        app.MapMethods(fhirBase + "/$export", new[] { "GET", "POST" }, (HttpContext context) => KickOff(context));
        app.MapGet(fhirBase + "/$export-status/{job}", (string job, HttpContext context) => Status(job, context));
        app.MapDelete(fhirBase + "/$export-status/{job}", (string job, HttpContext context) =>
            !Authorized(context) ? Results.StatusCode(401) : _jobs.TryRemove(job, out _) ? Results.StatusCode(202) : Results.NotFound());
        app.MapGet("/files/{job}/{type}.ndjson", (string job, string type, HttpContext context) =>
            !Authorized(context) ? Results.StatusCode(401) : Results.Text(Lines(type), "application/fhir+ndjson"));
    }

    private async Task<IResult> Token(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var tokenUrl = Origin.AbsoluteUri + "auth/" + TenantId.ToString("D") + "/oauth2/v1/token";
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidAudience = tokenUrl,
            IssuerSigningKey = _clientKey,
            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha384 },
        });
        if (form["grant_type"] != "client_credentials" || !result.IsValid)
        {
            return Results.Json(new { error = "invalid_client", error_description = "client assertion rejected" }, statusCode: 401);
        }

        var token = "demo-" + Guid.NewGuid().ToString("N");
        _tokens[token] = 0;
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 300, scope = form["scope"].ToString() });
    }

    private IResult KickOff(HttpContext context)
    {
        if (!Authorized(context))
        {
            return Results.StatusCode(401);
        }

        var job = Guid.NewGuid().ToString("N");
        _jobs[job] = 0;
        context.Response.Headers.ContentLocation = Origin.AbsoluteUri + "provider/system-access/v2/" + TenantId.ToString("D") + "/$export-status/" + job;
        return Results.StatusCode(202);
    }

    private IResult Status(string job, HttpContext context)
    {
        if (!Authorized(context))
        {
            return Results.StatusCode(401);
        }

        if (!_jobs.TryGetValue(job, out var polls))
        {
            return Results.NotFound();
        }

        _jobs[job] = polls + 1;
        if (polls < Progress.Length)
        {
            context.Response.Headers.RetryAfter = "1";
            context.Response.Headers["X-Progress"] = Progress[polls];
            return Results.StatusCode(202);
        }

        var files = Origin.AbsoluteUri + "files/" + job + "/";
        var manifest = "{\"transactionTime\":\"" + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'") + "\"," +
            "\"request\":\"" + Origin.AbsoluteUri + "provider/system-access/v2/" + TenantId.ToString("D") + "/Group/demo-group/$export\"," +
            "\"requiresAccessToken\":true,\"output\":[" +
            "{\"type\":\"Patient\",\"url\":\"" + files + "Patient.ndjson\",\"count\":3}," +
            "{\"type\":\"Observation\",\"url\":\"" + files + "Observation.ndjson\",\"count\":3}," +
            "{\"type\":\"Condition\",\"url\":\"" + files + "Condition.ndjson\",\"count\":3}],\"error\":[]}";
        return Results.Text(manifest, "application/json");
    }

    private bool Authorized(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.ContainsKey(authorization.Substring(7));
    }

    private static string Lines(string type)
    {
        var sb = new StringBuilder();
        for (var i = 1; i <= 3; i++)
        {
            sb.Append("{\"resourceType\":\"").Append(type).Append("\",\"id\":\"").Append(type.ToLowerInvariant()).Append('-').Append(i).Append("\"}\n");
        }

        return sb.ToString();
    }
}
