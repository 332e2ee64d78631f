using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Netsmart.CareConnect
{
    /// <summary>
    /// The CareConnect clients registered with <c>services.AddCareConnect(name, …)</c>: one per application
    /// registration, that is one per tenant (Netsmart v2 allows one tenant per registration).
    /// </summary>
    public interface ICareConnectClientFactory
    {
        /// <summary>The registered names (the default client of <c>AddCareConnect(configuration)</c> is the empty string).</summary>
        IReadOnlyList<string> Names { get; }

        /// <summary>The client registered under <paramref name="name"/>.</summary>
        /// <exception cref="InvalidOperationException">No client has that name.</exception>
        /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">Its settings are invalid.</exception>
        CareConnectClient GetClient(string name);

        /// <summary>The one client registered for a tenant.</summary>
        /// <exception cref="InvalidOperationException">No client, or several clients (use the overload with the API), serve the tenant.</exception>
        CareConnectClient GetByTenant(Guid tenantId);

        /// <summary>The client registered for a tenant and API.</summary>
        /// <exception cref="InvalidOperationException">No client, or several clients, serve the tenant and API.</exception>
        CareConnectClient GetByTenant(Guid tenantId, CareConnectApi api);

        /// <summary>
        /// The user-app client whose FHIR base is <paramref name="fhirBaseUri"/> (an EHR launch's <c>iss</c>), or
        /// <see langword="false"/> when none is registered: the registered clients are the <c>iss</c> allow-list.
        /// </summary>
        bool TryGetByFhirBase(Uri fhirBaseUri, [NotNullWhen(true)] out CareConnectClient? client);
    }
}
