using System.Net.Http.Headers;

namespace LegacyClient;

/// <summary>Reads a patient's record from the Certified v1 Patient Access API.</summary>
[FhirServer(CareConnectSettings.FhirBaseUrl)]
[FhirServer("https://fhirtest.netsmartcloud.com/uscore/v1", Preview = true)]
public sealed class PatientAccessClient(HttpClient http, string accessToken)
{
    public Task<string> ReadPatientAsync(string patientId, CancellationToken cancellationToken = default) =>
        GetAsync(CareConnectSettings.FhirBaseUrl + "/Patient/" + Uri.EscapeDataString(patientId), cancellationToken);

    public Task<string> SearchObservationsAsync(string patientId, string category, CancellationToken cancellationToken = default) =>
        GetAsync(
            "https://fhir.netsmartcloud.com/uscore/v1/Observation?patient=" + Uri.EscapeDataString(patientId)
                + "&category=" + Uri.EscapeDataString(category),
            cancellationToken);

    public Task<string> ReadCapabilityStatementAsync(CancellationToken cancellationToken = default) =>
        GetAsync("https://fhir.netsmartcloud.com/uscore/v1/metadata", cancellationToken);

    /// <summary>The same search against Preview, as the integration's smoke test does.</summary>
    public Task<string> SearchVitalSignsOnPreviewAsync(string patientId, CancellationToken cancellationToken = default) =>
        GetAsync(
            "https://fhirtest.netsmartcloud.com/uscore/v1/Observation?category=vital-signs&patient=" + Uri.EscapeDataString(patientId),
            cancellationToken);

    private async Task<string> GetAsync(string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
