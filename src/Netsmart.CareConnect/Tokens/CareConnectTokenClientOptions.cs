using System;

namespace Netsmart.CareConnect;

/// <summary>Options of <see cref="CareConnectTokenClient"/>.</summary>
public sealed class CareConnectTokenClientOptions
{
    /// <summary>Hosts a token endpoint may be on (credentials are never sent elsewhere). Default: <see cref="CareConnectHostPolicy.Default"/>.</summary>
    public CareConnectHostPolicy HostPolicy { get; set; } = CareConnectHostPolicy.Default;

    /// <summary>The clock for assertion times and token expiry. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How long one token request may take (connect, send, and read the response) before it fails with
    /// <see cref="CareConnectException"/>. Default: 30 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = CareConnectBackchannel.DefaultTimeout;

    /// <summary>Client assertion lifetime, at most 5 minutes (the default).</summary>
    public TimeSpan ClientAssertionLifetime { get; set; } = CareConnectClientCredentials.MaxAssertionLifetime;
}
