using System;
using Microsoft.Extensions.Logging;

namespace Netsmart.CareConnect;

/// <summary>Options of <see cref="SmartDiscoveryClient"/>.</summary>
public sealed class SmartDiscoveryOptions
{
    /// <summary>Hosts that discovered endpoints may point to. Default: <see cref="CareConnectHostPolicy.Default"/>.</summary>
    public CareConnectHostPolicy HostPolicy { get; set; } = CareConnectHostPolicy.Default;

    /// <summary>How long a fetched document is reused for its base. Default: one hour.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a failed or refused discovery is remembered for its base: callers within this time get the same
    /// failure (or the template fallback) without a new request. Default: 15 seconds.
    /// </summary>
    public TimeSpan FailureCacheDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one discovery request may take before discovery counts as unavailable. Default: 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = CareConnectBackchannel.DefaultTimeout;

    /// <summary>The clock used for cache expiry. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logs fetches, refusals and template fallbacks (never credentials). Default: none.</summary>
    public ILogger? Logger { get; set; }
}
