using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace LegacyClient;

/// <summary>SMART on FHIR standalone launch against the original Netsmart authorization server.</summary>
public sealed class SmartAuthClient(HttpClient http)
{
    /// <summary>Step 1: the URL the browser is sent to.</summary>
    public static Uri BuildAuthorizeUri(string state, string codeChallenge) =>
        new(CareConnectSettings.AuthorizeUrl
            + "?response_type=code"
            + "&client_id=" + Uri.EscapeDataString(CareConnectSettings.ClientId)
            + "&redirect_uri=" + Uri.EscapeDataString(CareConnectSettings.RedirectUri)
            + "&scope=" + Uri.EscapeDataString(CareConnectSettings.PatientScopes)
            + "&state=" + Uri.EscapeDataString(state)
            + "&aud=" + Uri.EscapeDataString("https://fhir.netsmartcloud.com/uscore/v1")
            + "&code_challenge=" + Uri.EscapeDataString(codeChallenge)
            + "&code_challenge_method=S256");

    /// <summary>Step 2: exchange the authorization code for tokens.</summary>
    public async Task<TokenResponse> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://oauth.netsmartcloud.com/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = CareConnectSettings.RedirectUri,
                ["client_id"] = CareConnectSettings.ClientId,
                ["code_verifier"] = codeVerifier,
            }),
        };

        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps the session alive with the offline_access refresh token (Preview environment).</summary>
    public async Task<TokenResponse> RefreshOnPreviewAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CareConnectSettings.PreviewTokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = CareConnectSettings.ClientId,
            }),
        };

        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TokenResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The token endpoint returned no body.");
    }
}

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("patient")] string? Patient,
    [property: JsonPropertyName("id_token")] string? IdToken);
