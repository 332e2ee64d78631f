using System.Collections.Concurrent;
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
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Netsmart.CareConnect.Tests.Infrastructure;

/// <summary>
/// A real HTTPS server on 127.0.0.1 (port 0, self-signed certificate) that plays a CareConnect tenant's
/// authorization server and FHIR server with the v2 path layout.
/// </summary>
public sealed class FakeCareConnectServer : IAsyncDisposable
{
    public static readonly Guid PoisonedTenant = Guid.Parse("0badbad0-0000-4000-8000-000000000001");
    public static readonly Guid HttpEndpointTenant = Guid.Parse("0badbad0-0000-4000-8000-000000000002");
    public static readonly Guid NoDiscoveryTenant = Guid.Parse("0badbad0-0000-4000-8000-000000000003");
    public static readonly Guid HtmlDiscoveryTenant = Guid.Parse("0badbad0-0000-4000-8000-000000000004");

    /// <summary>Discovery lists client_secret_post (not Basic) and the token endpoint refuses Basic.</summary>
    public static readonly Guid PostOnlyTenant = Guid.Parse("0badbad0-0000-4000-8000-000000000005");

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ClientRegistration> _clients = new();
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new();
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, byte> _seenJti = new();
    private readonly ConcurrentDictionary<string, Action<Dictionary<string, object>>> _idTokenTampers = new();
    private readonly ConcurrentDictionary<string, byte> _unknownKeyClients = new();
    private readonly RsaSecurityKey _idTokenKey = new(RSA.Create(2048)) { KeyId = "fake-idp-1" };
    private readonly RsaSecurityKey _unknownKey = new(RSA.Create(2048)) { KeyId = "fake-idp-1" };
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<Guid, Action<Dictionary<string, object>>> _discoveryOverrides = new();
    private readonly ConcurrentDictionary<Guid, int> _discoveryFailures = new();
    private readonly ConcurrentDictionary<Guid, (int Status, string Location)> _tokenRedirects = new();
    private readonly ConcurrentDictionary<string, byte> _revokedClients = new();
    private readonly ConcurrentDictionary<Guid, string> _issuers = new();
    private int _counter;

    private FakeCareConnectServer(WebApplication app, X509Certificate2 certificate, ManualTimeProvider clock)
    {
        _app = app;
        Certificate = certificate;
        Clock = clock;
    }

    public X509Certificate2 Certificate { get; }

    public ManualTimeProvider Clock { get; }

    public Uri Origin { get; private set; } = null!;

    public int TokenLifetimeSeconds { get; set; } = 300;

    /// <summary>When set, the FHIR endpoints answer 401 to every bearer token (an API that rejects all tokens).</summary>
    public bool RejectAllBearerTokens { get; set; }

    /// <summary>When set, <c>expires_in</c> is left out of token responses.</summary>
    public bool OmitExpiresIn { get; set; }

    /// <summary>When set, every token request answers this status (an outage) after <see cref="TokenGate"/> opens.</summary>
    public int? TokenOutageStatus { get; set; }

    /// <summary>When set, token requests wait for it before answering (to hold N callers on one in-flight request).</summary>
    public TaskCompletionSource? TokenGate { get; set; }

    /// <summary>Completed when a token request has arrived (before <see cref="TokenGate"/> is awaited).</summary>
    public TaskCompletionSource? TokenRequestArrived { get; set; }

    /// <summary>When set, discovery requests wait for it before answering.</summary>
    public TaskCompletionSource? DiscoveryGate { get; set; }

    /// <summary>The tenant's authorization server names itself <paramref name="issuer"/> (discovery <c>issuer</c> and id_token <c>iss</c>).</summary>
    public void UseIssuer(Guid tenant, string issuer) => _issuers[tenant] = issuer;

    /// <summary>Changes the discovery document of one tenant (the dictionary holds every field, the auth base is in "x_auth").</summary>
    public void OverrideDiscovery(Guid tenant, Action<Dictionary<string, object>> change) => _discoveryOverrides[tenant] = change;

    /// <summary>Discovery of the tenant answers this status.</summary>
    public void FailDiscovery(Guid tenant, int status) => _discoveryFailures[tenant] = status;

    public void RestoreDiscovery(Guid tenant) => _discoveryFailures.TryRemove(tenant, out _);

    /// <summary>The token endpoint of the tenant answers with a redirect to <paramref name="location"/>.</summary>
    public void RedirectTokenEndpoint(Guid tenant, int status, string location) => _tokenRedirects[tenant] = (status, location);

    /// <summary>Every token already issued to the client is rejected with 401 from now on (tokens issued later are accepted).</summary>
    public void RevokeIssuedTokens(string clientId)
    {
        foreach (var pair in _tokens.Where(t => t.Value.ClientId == clientId))
        {
            _tokens[pair.Key] = pair.Value with { Revoked = true };
        }
    }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<FakeCareConnectServer> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var server = new FakeCareConnectServer(app, certificate, new ManualTimeProvider(DateTimeOffset.UtcNow));
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Origin = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority));
        if (server.Origin.Host != "127.0.0.1")
        {
            throw new InvalidOperationException("The test server must listen on 127.0.0.1 only.");
        }

        return server;
    }

    /// <summary>A handler that trusts exactly this server's certificate (and nothing else).</summary>
    public HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == Certificate.GetCertHashString(),
        },
    };

    public HttpClient CreateHttpClient() => new(CreateHandler());

    public CareConnectTenant Tenant(Guid id, CareConnectEnvironment environment = CareConnectEnvironment.Production) =>
        new CareConnectTenant(id, environment).WithOrigin(Origin);

    public CareConnectHostPolicy HostPolicy => new(new[] { "127.0.0.1" });

    public void RegisterSecretClient(string clientId, string secret, Guid tenant, CareConnectApi api) =>
        _clients[clientId] = new ClientRegistration(clientId, secret, null, tenant, api);

    public void RegisterKeyClient(string clientId, SecurityKey publicKey, Guid tenant, CareConnectApi api, Uri? jwksUrl = null) =>
        _clients[clientId] = new ClientRegistration(clientId, null, publicKey, tenant, api, jwksUrl);

    public void RegisterPublicClient(string clientId, Guid tenant, CareConnectApi api) =>
        _clients[clientId] = new ClientRegistration(clientId, null, null, tenant, api);

    /// <summary>Changes the id_token claims issued to a client (wrong nonce, audience, expiry...).</summary>
    public void TamperIdTokens(string clientId, Action<Dictionary<string, object>> tamper) => _idTokenTampers[clientId] = tamper;

    /// <summary>Signs the client's id_tokens with a key that is not in the JWKS (same kid).</summary>
    public void SignIdTokensWithUnknownKey(string clientId) => _unknownKeyClients[clientId] = 0;

    public string FhirUserOf(Guid tenant) => Origin.AbsoluteUri + "provider/patient-access/v2/" + tenant + "/Practitioner/77";

    /// <summary>Revokes every refresh token of a client (the user signed out at the tenant, or an admin revoked the grant).</summary>
    public void RevokeRefreshTokens(string clientId)
    {
        foreach (var entry in _refreshTokens.Where(e => e.Value == clientId).ToList())
        {
            _refreshTokens.TryRemove(entry.Key, out _);
        }
    }

    public int TokenRequestCount(string clientId) => _requests.Count(r => r.Path.EndsWith("/oauth2/v1/token", StringComparison.Ordinal) && r.ClientId == clientId);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
            string? body = null;
            if (form is null && (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0))
            {
                context.Request.EnableBuffering();
                body = await new System.IO.StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync();
                context.Request.Body.Position = 0;
            }

            _requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                form?.ToDictionary(f => f.Key, f => f.Value.ToString()),
                ClientIdOf(context, form),
                body));
            if (context.Request.Headers.TryGetValue("X-Request-ID", out var requestId))
            {
                context.Response.Headers["X-Request-ID"] = requestId.ToString();
            }

            context.Response.Headers["X-Correlation-Id"] = "corr-" + Interlocked.Increment(ref _counter);
            await next(context);
        });

        app.MapGet("/{group}/{access}/v2/{tenant}/.well-known/smart-configuration", async (string group, string access, string tenant, HttpContext context) =>
        {
            if (DiscoveryGate is { } gate)
            {
                await gate.Task;
            }

            return SmartConfiguration(tenant, context);
        });
        app.MapGet("/auth/{tenant}/oauth2/v1/authorize", (string tenant, HttpContext context) => Authorize(tenant, context));
        app.MapPost("/auth/{tenant}/oauth2/v1/token", (string tenant, HttpContext context) => Token(tenant, context));
        app.MapGet("/auth/{tenant}/oauth2/v1/keys", () => Results.Json(new { keys = new[] { PublicJwk(_idTokenKey) } }));
        app.MapGet("/{group}/{access}/v2/{tenant}/Patient/{id}", (string group, string access, string tenant, string id, HttpContext context) => Patient(group + "/" + access, tenant, id, context));
        app.MapPost("/{group}/{access}/v2/{tenant}/Patient", (string group, string access, string tenant, HttpContext context) => Patient(group + "/" + access, tenant, "created", context));
        app.MapMethods("/elsewhere/{**rest}", new[] { "GET", "POST" }, () => Results.Json(new { access_token = "stolen", token_type = "Bearer", expires_in = 300 }));
    }

    private IResult SmartConfiguration(string tenant, HttpContext context)
    {
        var id = Guid.Parse(tenant);
        if (_discoveryFailures.TryGetValue(id, out var failure))
        {
            return Results.StatusCode(failure);
        }

        if (id == NoDiscoveryTenant)
        {
            return Results.NotFound();
        }

        if (id == HtmlDiscoveryTenant)
        {
            return Results.Content("<html>gateway</html>", "text/html");
        }

        var auth = Origin.AbsoluteUri + "auth/" + tenant + "/oauth2/v1/";
        var tokenEndpoint = id == PoisonedTenant ? "https://attacker.example.net/auth/" + tenant + "/oauth2/v1/token"
            : id == HttpEndpointTenant ? "http://127.0.0.1:" + Origin.Port + "/auth/" + tenant + "/oauth2/v1/token"
            : auth + "token";
        var json = new Dictionary<string, object>
        {
            ["issuer"] = _issuers.TryGetValue(id, out var issuer) ? issuer : auth.TrimEnd('/'),
            ["jwks_uri"] = auth + "keys",
            ["authorization_endpoint"] = auth + "authorize",
            ["token_endpoint"] = tokenEndpoint,
            ["grant_types_supported"] = new[] { "authorization_code", "client_credentials" },
            ["token_endpoint_auth_methods_supported"] = id == PostOnlyTenant ? new[] { "client_secret_post", "private_key_jwt" } : new[] { "client_secret_basic", "private_key_jwt" },
            ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS384", "ES384" },
            ["registration_endpoint"] = auth + "register",
            ["scopes_supported"] = new[] { "openid", "fhirUser", "launch/patient", "offline_access", "patient/*.rs", "system/*.rs" },
            ["response_types_supported"] = new[] { "code" },
            ["management_endpoint"] = auth + "manage",
            ["introspection_endpoint"] = auth + "introspect",
            ["revocation_endpoint"] = auth + "revoke",
            ["capabilities"] = new[] { "launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric", "permission-v1", "permission-v2", "sso-openid-connect" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["user_access_brand_bundle"] = Origin.AbsoluteUri + "brand/brands.json",
            ["user_access_brand_identifier"] = "urn:oid:2.16.840.1.113883.3.3569",
            ["x_netsmart_extra"] = new { region = "us" },
        };
        if (_discoveryOverrides.TryGetValue(id, out var change))
        {
            json["x_auth"] = auth;
            change(json);
            json.Remove("x_auth");
        }

        return Results.Json(json);
    }

    private IResult Authorize(string tenant, HttpContext context)
    {
        var q = context.Request.Query;
        var expectedAud = Origin.AbsoluteUri + "provider/patient-access/v2/" + tenant;
        if (q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["state"]))
        {
            return Results.BadRequest(new { error = "invalid_request", error_description = "PKCE S256 and state are required" });
        }

        if (q["aud"] != expectedAud)
        {
            return Results.BadRequest(new { error = "invalid_request", error_description = "invalid aud" });
        }

        if (!_clients.TryGetValue(q["client_id"].ToString(), out var client) || client.Tenant.ToString() != tenant)
        {
            return Results.BadRequest(new { error = "unauthorized_client", error_description = "unknown client" });
        }

        var scopes = q["scope"].ToString().Split(' ');
        if (!string.IsNullOrEmpty(q["launch"]) && !scopes.Contains("launch"))
        {
            return Results.BadRequest(new { error = "invalid_scope", error_description = "launch needs the launch scope" });
        }

        var code = "code-" + Interlocked.Increment(ref _counter);
        _codes[code] = new PendingCode(q["client_id"]!, q["redirect_uri"]!, q["code_challenge"]!, q["scope"]!, Guid.Parse(tenant), q["nonce"], q["launch"]);
        return Results.Redirect(q["redirect_uri"] + "?code=" + Uri.EscapeDataString(code) + "&state=" + Uri.EscapeDataString(q["state"]!));
    }

    private async Task<IResult> Token(string tenant, HttpContext context)
    {
        if (!context.Request.HasFormContentType || context.Request.ContentType != "application/x-www-form-urlencoded")
        {
            return OAuthError(400, "invalid_request", "form body required");
        }

        var form = await context.Request.ReadFormAsync();
        TokenRequestArrived?.TrySetResult();
        if (TokenGate is { } gate)
        {
            await gate.Task;
        }

        if (_tokenRedirects.TryGetValue(Guid.Parse(tenant), out var redirect))
        {
            context.Response.Headers.Location = redirect.Location;
            return Results.StatusCode(redirect.Status);
        }

        if (TokenOutageStatus is { } outage)
        {
            context.Response.Headers.RetryAfter = "7";
            return OAuthError(outage, "temporarily_unavailable", "maintenance for patient 123");
        }

        var tokenUrl = Origin.AbsoluteUri + "auth/" + tenant + "/oauth2/v1/token";
        var (client, error) = await AuthenticateAsync(context, form, tokenUrl);
        if (client is null)
        {
            return OAuthError(401, "invalid_client", error!);
        }

        if (client.Tenant.ToString() != tenant)
        {
            return OAuthError(401, "invalid_client", "client is not registered for this tenant");
        }

        switch (form["grant_type"].ToString())
        {
            case "client_credentials":
                var scope = form["scope"].ToString();
                if (scope.Contains("system/Forbidden", StringComparison.Ordinal))
                {
                    return OAuthError(400, "invalid_scope", "scope system/Forbidden.rs is not allowed");
                }

                return IssueToken(client, scope, refresh: false);
            case "authorization_code":
                if (!_codes.TryRemove(form["code"].ToString(), out var pending) || pending.ClientId != client.ClientId)
                {
                    return OAuthError(400, "invalid_grant", "unknown code");
                }

                if (pending.RedirectUri != form["redirect_uri"])
                {
                    return OAuthError(400, "invalid_grant", "redirect_uri mismatch");
                }

                var verifier = form["code_verifier"].ToString();
                var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
                if (challenge != pending.Challenge)
                {
                    return OAuthError(400, "invalid_grant", "code_verifier does not match");
                }

                return IssueToken(client, pending.Scope, refresh: true, patient: "123", idTokenNonce: pending.Scope.Split(' ').Contains("openid") ? pending.Nonce ?? string.Empty : null);
            case "refresh_token":
                if (!_refreshTokens.TryRemove(form["refresh_token"].ToString(), out var refreshClient) || refreshClient != client.ClientId)
                {
                    return OAuthError(400, "invalid_grant", "unknown refresh token");
                }

                return IssueToken(client, "launch/patient openid fhirUser offline_access patient/Patient.rs", refresh: true, patient: "123");
            default:
                return OAuthError(400, "unsupported_grant_type", "grant_type");
        }
    }

    private async Task<(ClientRegistration? Client, string? Error)> AuthenticateAsync(HttpContext context, IFormCollection form, string tokenUrl)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal) && tokenUrl.Contains(PostOnlyTenant.ToString(), StringComparison.Ordinal))
        {
            return (null, "client_secret_basic is not supported");
        }

        if (form.ContainsKey("client_secret"))
        {
            return _clients.TryGetValue(form["client_id"].ToString(), out var posted) && posted.Secret is not null && posted.Secret == form["client_secret"] ? (posted, null) : (null, "bad client secret");
        }

        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var raw = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Substring(6)));
            var colon = raw.IndexOf(':');
            var id = Uri.UnescapeDataString(raw[..colon].Replace('+', ' '));
            var secret = Uri.UnescapeDataString(raw[(colon + 1)..].Replace('+', ' '));
            return _clients.TryGetValue(id, out var c) && c.Secret is not null && c.Secret == secret ? (c, null) : (null, "bad client secret");
        }

        if (form.ContainsKey("client_assertion"))
        {
            if (form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            {
                return (null, "bad client_assertion_type");
            }

            var jwt = new JsonWebToken(form["client_assertion"].ToString());
            if (!_clients.TryGetValue(jwt.Issuer, out var c) || c.PublicKey is null)
            {
                return (null, "unknown issuer");
            }

            var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
            {
                ValidIssuer = c.ClientId,
                ValidAudience = tokenUrl,
                IssuerSigningKey = c.PublicKey,
                ValidAlgorithms = new[] { "RS384", "ES384" },
                ValidateLifetime = false,
                RequireExpirationTime = true,
                ValidTypes = new[] { "JWT" },
            });
            if (!result.IsValid)
            {
                return (null, "assertion rejected: " + result.Exception?.GetType().Name);
            }

            var hasJku = jwt.TryGetHeaderValue<string>("jku", out var jku);
            if (hasJku && (c.JwksUrl is null || jku != c.JwksUrl.AbsoluteUri))
            {
                return (null, "jku does not match the registered JWKS URL");
            }

            var now = Clock.GetUtcNow().ToUnixTimeSeconds();
            var exp = jwt.GetPayloadValue<long>("exp");
            if (jwt.Subject != c.ClientId || jwt.Kid != c.PublicKey.KeyId || exp <= now || exp - now > 300 || string.IsNullOrEmpty(jwt.Id) || !_seenJti.TryAdd(jwt.Id, 0))
            {
                return (null, "assertion claims rejected");
            }

            return (c, null);
        }

        var clientId = form["client_id"].ToString();
        return _clients.TryGetValue(clientId, out var pub) && pub.Secret is null && pub.PublicKey is null ? (pub, null) : (null, "client authentication required");
    }

    private IResult IssueToken(ClientRegistration client, string scope, bool refresh, string? patient = null, string? idTokenNonce = null)
    {
        var token = "at-" + Interlocked.Increment(ref _counter) + "-" + Guid.NewGuid().ToString("N");
        _tokens[token] = new IssuedToken(client.ClientId, client.Tenant, client.Api, Clock.GetUtcNow().AddSeconds(TokenLifetimeSeconds), false);
        var body = new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = TokenLifetimeSeconds,
            ["scope"] = scope,
        };
        if (OmitExpiresIn)
        {
            body.Remove("expires_in");
        }

        if (refresh)
        {
            var rt = "rt-" + Guid.NewGuid().ToString("N");
            _refreshTokens[rt] = client.ClientId;
            body["refresh_token"] = rt;
        }

        if (patient is not null)
        {
            body["patient"] = patient;
            body["need_patient_banner"] = true;
            body["fhirContext"] = new object[] { new { reference = "Encounter/9" } };
        }

        if (idTokenNonce is not null)
        {
            body["id_token"] = IdToken(client, idTokenNonce);
        }

        return Results.Json(body, statusCode: 200);
    }

    private string IdToken(ClientRegistration client, string nonce)
    {
        var now = Clock.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = _issuers.TryGetValue(client.Tenant, out var issuer) ? issuer : Origin.AbsoluteUri + "auth/" + client.Tenant + "/oauth2/v1",
            ["aud"] = client.ClientId,
            ["sub"] = "user-" + client.ClientId,
            ["fhirUser"] = FhirUserOf(client.Tenant),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        };
        if (nonce.Length > 0)
        {
            claims["nonce"] = nonce;
        }

        if (_idTokenTampers.TryGetValue(client.ClientId, out var tamper))
        {
            tamper(claims);
        }

        var key = _unknownKeyClients.ContainsKey(client.ClientId) ? _unknownKey : _idTokenKey;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(JsonSerializer.Serialize(claims), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    private static Dictionary<string, string> PublicJwk(RsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        return new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E };
    }

    private IResult Patient(string apiPath, string tenant, string id, HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.TryGetValue(authorization[7..], out var token))
        {
            return Outcome(401, "security", "Invalid or missing access token", null);
        }

        if (token.Revoked || RejectAllBearerTokens)
        {
            return Outcome(401, "security", "Access token revoked", null);
        }

        if (token.ExpiresAt <= Clock.GetUtcNow())
        {
            return Outcome(401, "security", "Access token expired", null);
        }

        if (token.Tenant.ToString() != tenant || CareConnectTenant.GetApiPath(token.Api) != apiPath)
        {
            return Outcome(401, "security", "Token was issued for a different API endpoint", null);
        }

        return id switch
        {
            "forbidden" => Outcome(403, "forbidden", "Insufficient scope for Patient read", null),
            "bad" => Outcome(400, "invalid", null, "Invalid resource id"),
            _ => Results.Text("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"Doe\",\"given\":[\"Jane\"]}]}", "application/fhir+json"),
        };
    }

    private static IResult Outcome(int status, string code, string? diagnostics, string? detailsText)
    {
        var issue = new Dictionary<string, object> { ["severity"] = "error", ["code"] = code };
        if (diagnostics is not null)
        {
            issue["diagnostics"] = diagnostics;
        }

        if (detailsText is not null)
        {
            issue["details"] = new { text = detailsText };
        }

        var json = JsonSerializer.Serialize(new Dictionary<string, object> { ["resourceType"] = "OperationOutcome", ["issue"] = new[] { issue } });
        return Results.Text(json, "application/fhir+json", Encoding.UTF8, status);
    }

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    private string? ClientIdOf(HttpContext context, IFormCollection? form)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var raw = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..]));
            return Uri.UnescapeDataString(raw[..raw.IndexOf(':')].Replace('+', ' '));
        }

        if (form is not null && form.TryGetValue("client_assertion", out var assertion))
        {
            return new JsonWebToken(assertion.ToString()).Issuer;
        }

        return form?["client_id"].ToString();
    }

    public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string>? Form, string? ClientId, string? Body = null);

    private sealed record ClientRegistration(string ClientId, string? Secret, SecurityKey? PublicKey, Guid Tenant, CareConnectApi Api, Uri? JwksUrl = null);

    private sealed record IssuedToken(string ClientId, Guid Tenant, CareConnectApi Api, DateTimeOffset ExpiresAt, bool Revoked);

    private sealed record PendingCode(string ClientId, string RedirectUri, string Challenge, string Scope, Guid Tenant, string? Nonce, string? Launch);
}
