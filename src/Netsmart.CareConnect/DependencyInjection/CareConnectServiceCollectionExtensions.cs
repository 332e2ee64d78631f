using System;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Netsmart.CareConnect;
using Netsmart.CareConnect.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the CareConnect runtime services: one named client per application registration (tenant).</summary>
public static class CareConnectServiceCollectionExtensions
{
    /// <summary>The named HttpClient used for discovery and token requests (no bearer handler, no redirects).</summary>
    public const string BackchannelClientName = "Netsmart.CareConnect.Backchannel";

    /// <summary>
    /// The named HttpClient of <see cref="CareConnectClient.CreateBulkDataClient"/>: no bearer handler (the Bulk Data
    /// client attaches the token itself, only where it may go), shared by all registered clients.
    /// </summary>
    public const string BulkDataHttpClientName = "Netsmart.CareConnect.BulkData";

    /// <summary>The named HttpClient of the default client (the one of <c>AddCareConnect(configuration)</c>).</summary>
    public const string DefaultClientName = "Netsmart.CareConnect";

    /// <summary>
    /// The IHttpClientFactory name of a registered client's API HttpClient: <see cref="DefaultClientName"/> for the
    /// default client, <c>Netsmart.CareConnect:</c><paramref name="name"/> otherwise.
    /// </summary>
    public static string GetHttpClientName(string name) =>
        string.IsNullOrEmpty(name) ? DefaultClientName : DefaultClientName + ":" + name;

    /// <summary>Registers the default CareConnect client with options bound from the <c>CareConnect</c> section of <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddCareConnect(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        services.AddCareConnect(Options.Options.DefaultName, configuration.GetSection(CareConnectOptions.SectionName));
        return services;
    }

    /// <summary>Registers the default CareConnect client with options set in code.</summary>
    public static IServiceCollection AddCareConnect(this IServiceCollection services, Action<CareConnectOptions> configure)
    {
        services.AddCareConnect(Options.Options.DefaultName, configure);
        return services;
    }

    /// <summary>
    /// Registers a named CareConnect client (one application registration, one tenant) with options bound from
    /// <paramref name="section"/> (for example <c>CareConnect:Clients:agency-a</c>), reloaded when the configuration
    /// changes: a rotated secret or key is used by the next token request. Validated at start-up.
    /// </summary>
    /// <returns>The builder of the client's API HttpClient (<see cref="GetHttpClientName"/>).</returns>
    public static IHttpClientBuilder AddCareConnect(this IServiceCollection services, string name, IConfiguration section)
    {
        if (section is null)
        {
            throw new ArgumentNullException(nameof(section));
        }

        var builder = services.AddCareConnectCore(name);
        services.AddOptions<CareConnectOptions>(name).Bind(section);
        return builder;
    }

    /// <summary>Registers a named CareConnect client (one application registration, one tenant) with options set in code.</summary>
    /// <returns>The builder of the client's API HttpClient (<see cref="GetHttpClientName"/>).</returns>
    public static IHttpClientBuilder AddCareConnect(this IServiceCollection services, string name, Action<CareConnectOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        var builder = services.AddCareConnectCore(name);
        services.AddOptions<CareConnectOptions>(name).Configure(configure);
        return builder;
    }

    /// <summary>
    /// Registers one named client per child of <c>CareConnect:Clients</c> (the child's key is the name), for a
    /// vendor serving several agencies.
    /// </summary>
    public static IServiceCollection AddCareConnectClients(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        foreach (var child in configuration.GetSection(CareConnectOptions.SectionName).GetSection(CareConnectOptions.ClientsSectionName).GetChildren())
        {
            services.AddCareConnect(child.Key, child);
        }

        return services;
    }

    /// <summary>
    /// Registers a named HttpClient for the default client: base address the tenant API's base (with a trailing
    /// slash, so relative paths keep the tenant), bearer token and X-Request-ID. With the default name it returns
    /// the builder of the client that <c>AddCareConnect</c> already registered.
    /// </summary>
    public static IHttpClientBuilder AddCareConnectHttpClient(this IServiceCollection services, string name = DefaultClientName)
    {
        if (name == DefaultClientName)
        {
            return services.AddHttpClient(name);
        }

        return services.AddHttpClient(name, (sp, client) =>
        {
            client.BaseAddress = Default(sp).Tenant.GetFhirBaseAddress(Default(sp).Api);
        }).AddCareConnectAuthentication();
    }

    /// <summary>
    /// Adds the bearer-token handler of the default client to any HttpClient. The token goes only to requests under
    /// the default client's tenant FHIR base; requests elsewhere are refused.
    /// </summary>
    public static IHttpClientBuilder AddCareConnectAuthentication(this IHttpClientBuilder builder) =>
        builder.AddCareConnectAuthentication(Options.Options.DefaultName);

    /// <summary>
    /// Adds the bearer-token handler of the CareConnect client <paramref name="clientName"/> to any HttpClient (for
    /// example a typed client). The token goes only to requests under that client's own tenant FHIR base; requests
    /// elsewhere (another agency's base included) are refused and not sent.
    /// </summary>
    public static IHttpClientBuilder AddCareConnectAuthentication(this IHttpClientBuilder builder, string clientName)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        Guard.NotNull(clientName, nameof(clientName));
        return builder.AddHttpMessageHandler(sp => CreateAuthenticationHandler(sp, clientName));
    }

    private static IHttpClientBuilder AddCareConnectCore(this IServiceCollection services, string name)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        Guard.NotNull(name, nameof(name));
        if (services.Any(d => d.ServiceType == typeof(CareConnectRegistration) && d.ImplementationInstance is CareConnectRegistration r && r.Name == name))
        {
            throw new InvalidOperationException("A CareConnect client named '" + name + "' is already registered; each application registration (tenant) gets its own name.");
        }

        services.AddSingleton(new CareConnectRegistration(name));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CareConnectOptions>, CareConnectOptionsValidator>());
        services.AddOptions<CareConnectOptions>(name).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICareConnectClientFactory, CareConnectClientFactory>();
        services.TryAddSingleton<IRefreshTokenStore, InMemoryRefreshTokenStore>();
        services.TryAddSingleton<IAuthorizationStateStore>(sp => new InMemoryAuthorizationStateStore(sp.GetRequiredService<TimeProvider>()));
        AddBackchannel(services);

        if (name.Length == 0)
        {
            // The single-tenant shortcut: the default client's parts, as before the named model.
            services.TryAddSingleton(sp => Default(sp).Tenant);
            services.TryAddSingleton(sp => Default(sp).HostPolicy);
            services.TryAddSingleton(sp => Default(sp).Discovery);
            services.TryAddSingleton(sp => Default(sp).TokenClient);
            services.TryAddSingleton(sp => Default(sp).GetCredentials());
            services.TryAddSingleton(sp => Default(sp).TokenProvider);
        }

        return services.AddHttpClient(GetHttpClientName(name), (sp, client) =>
        {
            client.BaseAddress = sp.GetRequiredService<ICareConnectClientFactory>().GetClient(name).Tenant.GetFhirBaseAddress(sp.GetRequiredService<ICareConnectClientFactory>().GetClient(name).Api);
        }).AddHttpMessageHandler(sp => CreateAuthenticationHandler(sp, name));
    }

    /// <summary>The bearer handler of one registered client: its token provider, pinned to its own tenant's FHIR base.</summary>
    private static CareConnectAuthenticationHandler CreateAuthenticationHandler(IServiceProvider sp, string name)
    {
        var client = sp.GetRequiredService<ICareConnectClientFactory>().GetClient(name);
        return new CareConnectAuthenticationHandler(
            client.PipelineTokenProvider,
            client.FhirBaseUri,
            client.HostPolicy,
            sp.GetService<ILoggerFactory>()?.CreateLogger<CareConnectAuthenticationHandler>());
    }

    private static CareConnectClient Default(IServiceProvider sp) => sp.GetRequiredService<ICareConnectClientFactory>().GetClient(Options.Options.DefaultName);

    private static void AddBackchannel(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(BackchannelMarker)))
        {
            return;
        }

        services.AddSingleton(new BackchannelMarker());
        // The library's one back channel: CareConnectBackchannel's handler (never follows redirects, so a 307/308 from
        // the token endpoint cannot re-post a secret, assertion, code verifier or refresh token) and its timeout.
        services.AddHttpClient(BackchannelClientName, client => client.Timeout = CareConnectBackchannel.DefaultTimeout)
            .ConfigurePrimaryHttpMessageHandler(CareConnectBackchannel.CreateHandler);
        services.AddHttpClient(BulkDataHttpClientName);
    }

    private sealed class BackchannelMarker
    {
    }
}
