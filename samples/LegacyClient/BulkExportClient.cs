using System.Net;
using System.Net.Http.Headers;

namespace LegacyClient;

/// <summary>Backend service: FHIR Bulk Data group export against the Certified v1 Bulk Data API.</summary>
public sealed class BulkExportClient(HttpClient http, string accessToken)
{
    /// <summary>Kicks off <c>Group/{id}/$export</c> and returns the status URL to poll.</summary>
    public async Task<Uri> StartGroupExportAsync(string groupId, CancellationToken cancellationToken = default)
    {
        var url = "https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/" + Uri.EscapeDataString(groupId)
            + "/$export?_type=Patient,Observation";

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        request.Headers.Add("Prefer", "respond-async");

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"Export kick-off failed: {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return response.Content.Headers.ContentLocation
            ?? throw new InvalidOperationException("The export kick-off returned no Content-Location.");
    }

    /// <summary>The patient-level export, built from the configured base URL.</summary>
    public static Uri PatientExportUri() => new(CareConnectSettings.BulkDataBaseUrl + "/Patient/$export");

    /// <summary>Backend services get their token with client credentials.</summary>
    public static HttpRequestMessage CreateTokenRequest(string clientAssertion) =>
        new(HttpMethod.Post, CareConnectSettings.TokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = CareConnectSettings.SystemScopes,
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = clientAssertion,
            }),
        };
}
