using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace Netsmart.CareConnect;

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

    /// <summary>
    /// Starts an EHR launch from the launch request (<c>?iss=…&amp;launch=…</c>): the <c>iss</c> must be the FHIR
    /// base of a registered user app (the allow-list), which then builds the authorize request with <c>launch</c>
    /// and the <c>launch</c> scope. Nothing is sent to an <c>iss</c> that is not on the list.
    /// </summary>
    /// <exception cref="CareConnectException">The request lacks iss/launch, or the iss is not a registered FHIR base.</exception>
    Task<AuthorizationRequest> BeginEhrLaunchAsync(Uri launchUri, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a sign-in of whichever registered client started it (one redirect URI may serve every tenant):
    /// the callback's <c>state</c> picks the pending authorization from the store.
    /// </summary>
    /// <exception cref="CareConnectException">Unknown or reused state, expired, an error callback, or a failed exchange.</exception>
    Task<CareConnectAuthorizationResult> CompleteAuthorizationAsync(Uri callbackUri, CancellationToken cancellationToken = default);
}
