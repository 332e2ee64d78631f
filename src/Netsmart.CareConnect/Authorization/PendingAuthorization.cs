using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// What the callback of an authorization needs, kept between the authorize redirect and the callback: state,
/// PKCE verifier, nonce, redirect URI, client, tenant, API, <c>aud</c>, token endpoint and when it started.
/// Round-trips through <see cref="Serialize"/>/<see cref="Deserialize"/>, so any server of a farm (or the same one
/// after a restart) can complete the sign-in. The serialized form holds the code verifier: keep it server-side
/// (a distributed cache) or encrypt it (for example with ASP.NET Core Data Protection) before it goes in a cookie.
/// <see cref="ToString"/> never shows the state, verifier or nonce.
/// </summary>
public sealed class PendingAuthorization
{
    private const int FormatVersion = 1;

    private PendingAuthorization()
    {
    }

    /// <summary>The <c>state</c> sent (also the store key).</summary>
    public string State { get; private set; } = string.Empty;

    /// <summary>The PKCE code verifier.</summary>
    public string CodeVerifier { get; private set; } = string.Empty;

    /// <summary>The <c>nonce</c> sent, when <c>openid</c> was requested.</summary>
    public string? Nonce { get; private set; }

    /// <summary>The redirect URI sent.</summary>
    public Uri RedirectUri { get; private set; } = null!;

    /// <summary>The client id.</summary>
    public string ClientId { get; private set; } = string.Empty;

    /// <summary>The registration name of the client in DI, when started through <see cref="CareConnectClient"/>.</summary>
    public string? ClientName { get; private set; }

    /// <summary>The tenant, when known.</summary>
    public Guid? TenantId { get; private set; }

    /// <summary>The API, when known.</summary>
    public CareConnectApi? Api { get; private set; }

    /// <summary>The <c>aud</c> sent (the FHIR base).</summary>
    public Uri Audience { get; private set; } = null!;

    /// <summary>The scopes requested.</summary>
    public string Scope { get; private set; } = string.Empty;

    /// <summary>The EHR launch value sent, if any.</summary>
    public string? Launch { get; private set; }

    /// <summary>The token endpoint for the code exchange.</summary>
    public Uri? TokenEndpoint { get; private set; }

    /// <summary>When the authorization started.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The record of a built authorize request, started at <paramref name="createdAt"/>.</summary>
    public static PendingAuthorization From(AuthorizationRequest request, DateTimeOffset createdAt, string? clientName = null, Guid? tenantId = null, CareConnectApi? api = null)
    {
        Guard.NotNull(request, nameof(request));
        return new PendingAuthorization
        {
            State = request.State,
            CodeVerifier = request.CodeVerifier,
            Nonce = request.Nonce,
            RedirectUri = request.RedirectUri,
            ClientId = request.ClientId,
            ClientName = clientName,
            TenantId = tenantId,
            Api = api,
            Audience = request.Audience,
            Scope = request.Scope,
            Launch = request.Launch,
            TokenEndpoint = request.TokenEndpoint,
            CreatedAt = createdAt,
        };
    }

    /// <summary>Reads a record written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The text is not a pending-authorization record.</exception>
    public static PendingAuthorization Deserialize(string serialized)
    {
        Guard.NotNull(serialized, nameof(serialized));
        try
        {
            using var doc = JsonDocument.Parse(serialized);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Json.Long(root, "v") != FormatVersion)
            {
                throw new FormatException("Not a pending-authorization record of format version 1.");
            }

            var tenant = Json.String(root, "tenant");
            var api = Json.String(root, "api");
            var tokenEndpoint = Json.String(root, "token_endpoint");
            var result = new PendingAuthorization
            {
                State = Required(root, "state"),
                CodeVerifier = Required(root, "code_verifier"),
                Nonce = Json.String(root, "nonce"),
                RedirectUri = new Uri(Required(root, "redirect_uri"), UriKind.Absolute),
                ClientId = Required(root, "client_id"),
                ClientName = Json.String(root, "client_name"),
                TenantId = tenant is null ? null : Guid.Parse(tenant),
                Api = api is null ? null : (CareConnectApi)Enum.Parse(typeof(CareConnectApi), api),
                Audience = new Uri(Required(root, "aud"), UriKind.Absolute),
                Scope = Required(root, "scope"),
                Launch = Json.String(root, "launch"),
                TokenEndpoint = tokenEndpoint is null ? null : new Uri(tokenEndpoint, UriKind.Absolute),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Json.Long(root, "created_at") ?? throw new FormatException("created_at is missing.")),
            };
            return result;
        }
        catch (Exception ex) when (ex is JsonException || ex is ArgumentException || ex is OverflowException || ex is UriFormatException)
        {
            throw new FormatException("The text is not a valid pending-authorization record.", ex);
        }
    }

    /// <summary>Writes the record as compact JSON.</summary>
    public string Serialize()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteString("state", State);
            writer.WriteString("code_verifier", CodeVerifier);
            WriteOptional(writer, "nonce", Nonce);
            writer.WriteString("redirect_uri", RedirectUri.OriginalString);
            writer.WriteString("client_id", ClientId);
            WriteOptional(writer, "client_name", ClientName);
            WriteOptional(writer, "tenant", TenantId?.ToString("D"));
            WriteOptional(writer, "api", Api?.ToString());
            writer.WriteString("aud", Audience.AbsoluteUri);
            writer.WriteString("scope", Scope);
            WriteOptional(writer, "launch", Launch);
            WriteOptional(writer, "token_endpoint", TokenEndpoint?.AbsoluteUri);
            writer.WriteNumber("created_at", CreatedAt.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() =>
        "PendingAuthorization { ClientId = " + ClientId + ", ClientName = " + ClientName + ", TenantId = " + TenantId + ", Api = " + Api +
        ", CreatedAt = " + CreatedAt.ToString("u", CultureInfo.InvariantCulture) + ", State = ***, CodeVerifier = ***, Nonce = *** }";

    private static string Required(JsonElement root, string name) =>
        Json.String(root, name) is { Length: > 0 } value ? value : throw new FormatException(name + " is missing.");

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
