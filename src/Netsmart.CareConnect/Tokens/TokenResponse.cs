using System;
using System.Collections.Generic;
using System.Text.Json;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>
/// A token response (SMART App Launch 2.0 fields included). The granted <see cref="Scope"/> is authoritative and
/// may differ from the requested one. <see cref="ToString"/> never shows a token.
/// </summary>
public sealed class TokenResponse
{
    private TokenResponse()
    {
    }

    /// <summary><c>access_token</c>.</summary>
    public string AccessToken { get; private set; } = string.Empty;

    /// <summary><c>token_type</c> (Bearer).</summary>
    public string TokenType { get; private set; } = "Bearer";

    /// <summary><c>expires_in</c> in seconds, when sent.</summary>
    public long? ExpiresIn { get; private set; }

    /// <summary>When the token expires: receipt time + <see cref="ExpiresIn"/>, or <see langword="null"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary><c>scope</c>: the scopes actually granted.</summary>
    public string? Scope { get; private set; }

    /// <summary><c>refresh_token</c>.</summary>
    public string? RefreshToken { get; private set; }

    /// <summary><c>id_token</c>.</summary>
    public string? IdToken { get; private set; }

    /// <summary>Launch context <c>patient</c>.</summary>
    public string? Patient { get; private set; }

    /// <summary>Launch context <c>encounter</c>.</summary>
    public string? Encounter { get; private set; }

    /// <summary>Launch context <c>fhirContext</c> (kept as JSON; strings or objects with <c>reference</c>).</summary>
    public IReadOnlyList<JsonElement> FhirContext { get; private set; } = Array.Empty<JsonElement>();

    /// <summary><c>need_patient_banner</c>.</summary>
    public bool? NeedPatientBanner { get; private set; }

    /// <summary><c>intent</c>.</summary>
    public string? Intent { get; private set; }

    /// <summary><c>smart_style_url</c>.</summary>
    public string? SmartStyleUrl { get; private set; }

    /// <summary><c>tenant</c> (an opaque organization identifier; not necessarily the CareConnect tenant UUID).</summary>
    public string? Tenant { get; private set; }

    /// <summary>The <c>X-Request-ID</c> of the token request.</summary>
    public string? RequestId { get; private set; }

    /// <summary>Parses a token response body received at <paramref name="receivedAt"/>.</summary>
    /// <exception cref="CareConnectException">The body is not JSON or has no access_token.</exception>
    public static TokenResponse Parse(string json, DateTimeOffset receivedAt, string? requestId = null)
    {
        Guard.NotNull(json, nameof(json));
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var accessToken = Json.String(root, "access_token");
            if (string.IsNullOrEmpty(accessToken))
            {
                throw new CareConnectException("The token response has no access_token" + (requestId is null ? "." : " (X-Request-ID: " + requestId + ")."));
            }

            var tokenType = Json.String(root, "token_type") ?? "Bearer";
            if (!string.Equals(tokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                throw new CareConnectException("The token response has token_type '" + tokenType + "'; only Bearer tokens are supported.");
            }

            var expiresIn = Json.Long(root, "expires_in");
            var context = new List<JsonElement>();
            if (root.TryGetProperty("fhirContext", out var fhirContext) && fhirContext.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in fhirContext.EnumerateArray())
                {
                    context.Add(item.Clone());
                }
            }

            return new TokenResponse
            {
                AccessToken = accessToken!,
                TokenType = tokenType,
                ExpiresIn = expiresIn,
                ExpiresAt = expiresIn is { } s && s >= 0 ? receivedAt + TimeSpan.FromSeconds(s) : null,
                Scope = Json.String(root, "scope"),
                RefreshToken = Json.String(root, "refresh_token"),
                IdToken = Json.String(root, "id_token"),
                Patient = Json.String(root, "patient"),
                Encounter = Json.String(root, "encounter"),
                FhirContext = context,
                NeedPatientBanner = Json.Bool(root, "need_patient_banner"),
                Intent = Json.String(root, "intent"),
                SmartStyleUrl = Json.String(root, "smart_style_url"),
                Tenant = Json.String(root, "tenant"),
                RequestId = requestId,
            };
        }
        catch (JsonException ex)
        {
            throw new CareConnectException("The token response is not valid JSON" + (requestId is null ? "." : " (X-Request-ID: " + requestId + ")."), ex);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        "TokenResponse { AccessToken = ***, TokenType = " + TokenType + ", ExpiresIn = " + (ExpiresIn?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-") +
        ", Scope = " + Scope + ", RefreshToken = " + (RefreshToken is null ? "-" : "***") + ", IdToken = " + (IdToken is null ? "-" : "***") + ", Patient = " + Patient + " }";
}
