namespace LegacyClient;

/// <summary>Constant contexts: a <c>switch</c> on the configured base URL.</summary>
public static class EnvironmentInfo
{
    public static string Describe(string fhirBaseUrl) => fhirBaseUrl switch
    {
        CareConnectSettings.FhirBaseUrl => "Production (Certified v1)",
        CareConnectSettings.PreviewFhirBaseUrl => "Preview (Certified v1)",
        "https://fhir.netsmartcloud.com/uscore/v1/bulk-data" => "Production bulk data (Certified v1)",
        _ => "unknown",
    };

    public static bool IsPreview(string tokenUrl)
    {
        switch (tokenUrl)
        {
            case "https://oauthtest.netsmartcloud.com/token":
                return true;
            default:
                return false;
        }
    }
}
