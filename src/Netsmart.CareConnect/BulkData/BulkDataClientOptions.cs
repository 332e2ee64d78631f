using System;

namespace Netsmart.CareConnect.BulkData;

/// <summary>Options of <see cref="BulkDataClient"/>.</summary>
public sealed class BulkDataClientOptions
{
    /// <summary>The API that serves the export; default <see cref="CareConnectApi.ProviderSystemAccess"/> (Bulk Data 2.0 on CareConnect v2).</summary>
    public CareConnectApi Api { get; set; } = CareConnectApi.ProviderSystemAccess;

    /// <summary>
    /// Hosts that may receive the access token; default <see cref="CareConnectHostPolicy.Default"/>. The token also
    /// only goes to the tenant's own origin, whatever this policy allows.
    /// </summary>
    public CareConnectHostPolicy HostPolicy { get; set; } = CareConnectHostPolicy.Default;

    /// <summary>The clock and timers used for polling waits and the overall deadline; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The first wait when the server sends no <c>Retry-After</c>; doubled on each poll up to <see cref="MaxPollInterval"/>. Default 2 s.</summary>
    public TimeSpan InitialPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between polls, also the cap of a server's <c>Retry-After</c>. Default 5 minutes.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Up to this fraction of each wait is added at random, so many clients do not poll in step. Default 0.1.</summary>
    public double JitterFraction { get; set; } = 0.1;

    /// <summary>How long <see cref="BulkExportJob.WaitForCompletionAsync"/> waits at most, from its call. Default 24 hours.</summary>
    public TimeSpan MaxWaitTime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Transient poll failures in a row (429, 5xx, transient OperationOutcome, network errors) before giving up. Default 10.</summary>
    public int MaxTransientFailures { get; set; } = 10;

    /// <summary>Attempts per output file (the first one included) when the connection fails or the server answers 429/5xx. Default 4.</summary>
    public int MaxDownloadAttempts { get; set; } = 4;

    /// <summary>The longest ndjson line <see cref="BulkDataClient.ReadLinesAsync"/> accepts (the line buffer grows up to it). Default 64 MiB.</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// For tests only: accept manifest file URLs with plain <c>http</c> on a loopback address (127.0.0.0/8, ::1).
    /// Off by default; https is required otherwise. Such files never receive the token.
    /// </summary>
    public bool AllowInsecureLoopbackFileUrls { get; set; }
}
