using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>A registered name (one per <c>AddCareConnect(name, …)</c>).</summary>
internal sealed class CareConnectRegistration
{
    public CareConnectRegistration(string name) => Name = name;

    public string Name { get; }
}

internal sealed class CareConnectClientFactory : ICareConnectClientFactory, IDisposable
{
    private readonly IServiceProvider _services;
    private readonly IAuthorizationStateStore _stateStore;
    private readonly ConcurrentDictionary<string, Lazy<CareConnectClient>> _clients = new ConcurrentDictionary<string, Lazy<CareConnectClient>>(StringComparer.Ordinal);

    public CareConnectClientFactory(IServiceProvider services, IEnumerable<CareConnectRegistration> registrations, IAuthorizationStateStore stateStore)
    {
        _services = services;
        _stateStore = stateStore;
        Names = registrations.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<string> Names { get; }

    public CareConnectClient GetClient(string name)
    {
        Guard.NotNull(name, nameof(name));
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                "No CareConnect client named '" + name + "' is registered (registered: " + Describe(Names) + "). Register it with services.AddCareConnect(\"" + name + "\", …).");
        }

        var lazy = _clients.GetOrAdd(name, n => new Lazy<CareConnectClient>(() => new CareConnectClient(n, _services)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Invalid settings: do not cache the failure, so a corrected configuration is picked up.
            _clients.TryRemove(name, out _);
            throw;
        }
    }

    public CareConnectClient GetByTenant(Guid tenantId) => Single(tenantId, null);

    public CareConnectClient GetByTenant(Guid tenantId, CareConnectApi api) => Single(tenantId, api);

    public bool TryGetByFhirBase(Uri fhirBaseUri, [NotNullWhen(true)] out CareConnectClient? client)
    {
        Guard.NotNull(fhirBaseUri, nameof(fhirBaseUri));
        client = null;
        if (!fhirBaseUri.IsAbsoluteUri || fhirBaseUri.Query.Length != 0 || fhirBaseUri.Fragment.Length != 0 || fhirBaseUri.UserInfo.Length != 0)
        {
            return false;
        }

        var wanted = Canonical(fhirBaseUri);
        foreach (var name in Names)
        {
            var candidate = GetClient(name);
            if (candidate.AppKind == CareConnectAppKind.UserApp && string.Equals(Canonical(candidate.FhirBaseUri), wanted, StringComparison.Ordinal))
            {
                client = candidate;
                return true;
            }
        }

        return false;
    }

    public Task<AuthorizationRequest> BeginEhrLaunchAsync(Uri launchUri, CancellationToken cancellationToken = default)
    {
        var (iss, launch) = SmartAuthorization.ReadEhrLaunch(launchUri);
        if (!TryGetByFhirBase(iss, out var client))
        {
            throw new CareConnectException(
                "The EHR launch's iss '" + CareConnectHostPolicy.Describe(iss) + "' is not the FHIR base of a registered CareConnect user app; the launch was refused and nothing was sent to it.");
        }

        return client.BeginAuthorizationAsync(launch, cancellationToken);
    }

    public async Task<CareConnectAuthorizationResult> CompleteAuthorizationAsync(Uri callbackUri, CancellationToken cancellationToken = default)
    {
        var pending = await CareConnectClient.TakePendingAsync(_stateStore, callbackUri, cancellationToken).ConfigureAwait(false);
        if (pending.ClientName is null || !Names.Contains(pending.ClientName, StringComparer.Ordinal))
        {
            throw new CareConnectException("The authorization callback belongs to no registered CareConnect client; the code was not used.");
        }

        return await GetClient(pending.ClientName).CompleteAuthorizationAsync(pending, callbackUri, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var lazy in _clients.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }

    private static string Canonical(Uri uri) =>
        uri.Scheme.ToLowerInvariant() + "://" + uri.Host.ToLowerInvariant() + (uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) +
        uri.AbsolutePath.TrimEnd('/').ToLowerInvariant();

    private static string Describe(IEnumerable<string> names)
    {
        var list = names.Select(n => "'" + n + "'").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private CareConnectClient Single(Guid tenantId, CareConnectApi? api)
    {
        var matches = Names.Select(GetClient).Where(c => c.Tenant.Id == tenantId && (api is null || c.Api == api)).ToList();
        var what = "tenant " + tenantId.ToString("D") + (api is null ? string.Empty : " and API " + api);
        if (matches.Count == 0)
        {
            throw new InvalidOperationException("No CareConnect client is registered for " + what + " (registered: " + Describe(Names) + ").");
        }

        if (matches.Count > 1)
        {
            throw new InvalidOperationException(
                "Several CareConnect clients (" + Describe(matches.Select(c => c.Name)) + ") are registered for " + what + "; choose one by name" + (api is null ? " or by API." : "."));
        }

        return matches[0];
    }
}
