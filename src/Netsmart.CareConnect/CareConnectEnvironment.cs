namespace Netsmart.CareConnect;

/// <summary>A CareConnect hosting environment.</summary>
public enum CareConnectEnvironment
{
    /// <summary>Production: <c>https://fhir.netsmartcloud.com</c>.</summary>
    Production = 0,

    /// <summary>Preview (sandbox): <c>https://fhirtest.netsmartcloud.com</c>.</summary>
    Preview = 1,
}
