using System;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Netsmart.CareConnect;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the CareConnect runtime services.</summary>
    public static class CareConnectServiceCollectionExtensions
    {
        /// <summary>The named HttpClient used for discovery and token requests (no bearer handler).</summary>
        public const string BackchannelClientName = "Netsmart.CareConnect.Backchannel";

        /// <summary>The named HttpClient registered by <see cref="AddCareConnectHttpClient"/>.</summary>
        public const string DefaultClientName = "Netsmart.CareConnect";

        /// <summary>Registers CareConnect with options bound from the <c>CareConnect</c> section of <paramref name="configuration"/>.</summary>
        public static IServiceCollection AddCareConnect(this IServiceCollection services, IConfiguration configuration)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            var section = configuration.GetSection(CareConnectOptions.SectionName);
            services.AddOptions<CareConnectOptions>().Bind(section);
            return services.AddCareConnectCore();
        }

        /// <summary>Registers CareConnect with options set in code.</summary>
        public static IServiceCollection AddCareConnect(this IServiceCollection services, Action<CareConnectOptions> configure)
        {
            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            services.AddOptions<CareConnectOptions>().Configure(configure);
            return services.AddCareConnectCore();
        }

        /// <summary>
        /// Registers a named HttpClient whose <see cref="HttpClient.BaseAddress"/> is the tenant API's base (with a
        /// trailing slash, so relative paths keep the tenant) and which sends the bearer token and X-Request-ID.
        /// </summary>
        public static IHttpClientBuilder AddCareConnectHttpClient(this IServiceCollection services, string name = DefaultClientName)
        {
            return services.AddHttpClient(name, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<CareConnectOptions>>().Value;
                client.BaseAddress = sp.GetRequiredService<CareConnectTenant>().GetFhirBaseAddress(options.Api);
            }).AddCareConnectAuthentication();
        }

        /// <summary>Adds the bearer-token handler to any HttpClient (the FHIR base is up to the caller).</summary>
        public static IHttpClientBuilder AddCareConnectAuthentication(this IHttpClientBuilder builder)
        {
            if (builder is null)
            {
                throw new ArgumentNullException(nameof(builder));
            }

            return builder.AddHttpMessageHandler(sp => new CareConnectAuthenticationHandler(sp.GetRequiredService<ICareConnectTokenProvider>(), sp.GetRequiredService<CareConnectTenant>().GetFhirBaseUri(sp.GetRequiredService<IOptions<CareConnectOptions>>().Value.Api), sp.GetRequiredService<CareConnectHostPolicy>()));
        }

        private static IServiceCollection AddCareConnectCore(this IServiceCollection services)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CareConnectOptions>, CareConnectOptionsValidator>());
            services.AddOptions<CareConnectOptions>().ValidateOnStart();
            services.AddHttpClient(BackchannelClientName);
            services.TryAddSingleton(TimeProvider.System);

            services.TryAddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<CareConnectOptions>>().Value;
                var tenant = CareConnectTenant.Parse(options.TenantId!, options.Environment);
                return string.IsNullOrEmpty(options.Origin) ? tenant : tenant.WithOrigin(new Uri(options.Origin, UriKind.Absolute));
            });
            services.TryAddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<CareConnectOptions>>().Value;
                return options.TrustedHosts is { Length: > 0 } hosts ? new CareConnectHostPolicy(hosts) : CareConnectHostPolicy.Default;
            });
            services.TryAddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<CareConnectOptions>>().Value;
                var factory = sp.GetRequiredService<IHttpClientFactory>();
                return new SmartDiscoveryClient(
                    () => factory.CreateClient(BackchannelClientName),
                    new SmartDiscoveryOptions
                    {
                        HostPolicy = sp.GetRequiredService<CareConnectHostPolicy>(),
                        CacheDuration = options.DiscoveryCacheDuration,
                        TimeProvider = sp.GetRequiredService<TimeProvider>(),
                        Logger = sp.GetService<ILoggerFactory>()?.CreateLogger<SmartDiscoveryClient>(),
                    });
            });
            services.TryAddSingleton(sp =>
            {
                var factory = sp.GetRequiredService<IHttpClientFactory>();
                return new CareConnectTokenClient(
                    () => factory.CreateClient(BackchannelClientName),
                    new CareConnectTokenClientOptions
                    {
                        HostPolicy = sp.GetRequiredService<CareConnectHostPolicy>(),
                        TimeProvider = sp.GetRequiredService<TimeProvider>(),
                    });
            });
            services.TryAddSingleton(sp => CareConnectKeyLoader.CreateCredentials(sp.GetRequiredService<IOptions<CareConnectOptions>>().Value));
            services.TryAddSingleton<ICareConnectTokenProvider>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<CareConnectOptions>>().Value;
                var tenant = sp.GetRequiredService<CareConnectTenant>();
                var discovery = sp.GetRequiredService<SmartDiscoveryClient>();
                var api = options.Api;
                var allowFallback = options.AllowTemplateFallback;
                Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<Uri>> endpoint = options.UseDiscovery
                    ? async ct => (await discovery.ResolveEndpointsAsync(tenant, api, allowFallback, ct).ConfigureAwait(false)).TokenEndpoint
                    : _ => System.Threading.Tasks.Task.FromResult(tenant.TokenEndpoint);
                var logger = sp.GetService<ILoggerFactory>()?.CreateLogger<ClientCredentialsTokenProvider>() ?? (ILogger)NullLogger.Instance;
                return new ClientCredentialsTokenProvider(
                    sp.GetRequiredService<CareConnectTokenClient>(),
                    endpoint,
                    sp.GetRequiredService<CareConnectClientCredentials>(),
                    options.Scope!,
                    new TokenCacheOptions { RenewBeforeExpiry = options.TokenRenewBeforeExpiry },
                    logger);
            });
            return services;
        }
    }
}
