using System;

namespace Netsmart.CareConnect;

/// <summary>The endpoints to use for one tenant API: from SMART discovery, or from the documented template.</summary>
public sealed class CareConnectEndpoints
{
    /// <summary>Creates an endpoint set.</summary>
    public CareConnectEndpoints(Uri fhirBaseUri, Uri? authorizeEndpoint, Uri tokenEndpoint, SmartConfiguration? configuration)
    {
        FhirBaseUri = fhirBaseUri ?? throw new ArgumentNullException(nameof(fhirBaseUri));
        AuthorizeEndpoint = authorizeEndpoint;
        TokenEndpoint = tokenEndpoint ?? throw new ArgumentNullException(nameof(tokenEndpoint));
        Configuration = configuration;
    }

    /// <summary>The FHIR base (canonical, no trailing slash): the <c>aud</c> value.</summary>
    public Uri FhirBaseUri { get; }

    /// <summary>The authorize endpoint (may be absent from a backend-only discovery document).</summary>
    public Uri? AuthorizeEndpoint { get; }

    /// <summary>The token endpoint.</summary>
    public Uri TokenEndpoint { get; }

    /// <summary>The discovery document, or <see langword="null"/> when the template was used.</summary>
    public SmartConfiguration? Configuration { get; }

    /// <summary>Whether the endpoints came from discovery (<see langword="false"/>: from the documented template).</summary>
    public bool FromDiscovery => Configuration is not null;

    /// <summary>The documented template endpoints of a tenant API, without any network call.</summary>
    public static CareConnectEndpoints FromTemplate(CareConnectTenant tenant, CareConnectApi api)
    {
        if (tenant is null)
        {
            throw new ArgumentNullException(nameof(tenant));
        }

        return new CareConnectEndpoints(tenant.GetFhirBaseUri(api), tenant.AuthorizeEndpoint, tenant.TokenEndpoint, null);
    }
}
