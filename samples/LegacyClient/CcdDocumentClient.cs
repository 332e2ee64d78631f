namespace LegacyClient;

/// <summary>
/// The Netsmart CCD API. It is NOT part of the Certified v2 migration: it keeps the original
/// authorization server (<c>scope=CCD</c>) and the <c>/ccd</c> endpoint, so nothing here may be flagged.
/// </summary>
public sealed class CcdDocumentClient(HttpClient http)
{
    public async Task<string> GetCcdTokenAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://oauth.netsmartcloud.com/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = "CCD",
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
            }),
        };

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> GetCcdAsync(string accessToken, string patientId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var url = "https://fhir.netsmartcloud.com/ccd?patientId=" + Uri.EscapeDataString(patientId)
            + "&startDate=" + from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            + "&endDate=" + to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
