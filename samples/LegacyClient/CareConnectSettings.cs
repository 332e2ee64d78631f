namespace LegacyClient;

/// <summary>
/// Netsmart CareConnect endpoints as a v1 integration configures them: constants for the
/// Certified v1 FHIR API (Production and Preview), the original authorization server and the
/// SMART on FHIR scopes the app asks for.
/// </summary>
public static class CareConnectSettings
{
    /// <summary>Certified v1 Patient Access API (Production).</summary>
    public const string FhirBaseUrl = "https://fhir.netsmartcloud.com/uscore/v1";

    /// <summary>Certified v1 Patient Access API (Preview).</summary>
    public const string PreviewFhirBaseUrl = "https://fhirtest.netsmartcloud.com/uscore/v1";

    /// <summary>Certified v1 Bulk Data API.</summary>
    public const string BulkDataBaseUrl = "https://fhir.netsmartcloud.com/uscore/v1/bulk-data";

    public const string AuthorizeUrl = "https://oauth.netsmartcloud.com/authorize";

    public const string TokenUrl = "https://oauth.netsmartcloud.com/token";

    public const string PreviewTokenUrl = "https://oauthtest.netsmartcloud.com/token";

    /// <summary>What the patient-facing SMART app asks for.</summary>
    public const string PatientScopes =
        "launch/patient openid fhirUser offline_access patient/Patient.read patient/Observation.read";

    /// <summary>What the backend bulk-export service asks for.</summary>
    public const string SystemScopes = "system/Patient.read system/Observation.read system/Group.read";

    public const string ClientId = "legacy-client-demo";

    public const string RedirectUri = "https://localhost:5001/signin-netsmart";
}
