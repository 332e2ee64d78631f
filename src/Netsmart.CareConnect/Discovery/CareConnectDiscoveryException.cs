using System;

namespace Netsmart.CareConnect;

/// <summary>Why SMART discovery failed.</summary>
public enum CareConnectDiscoveryFailure
{
    /// <summary>The document could not be fetched (network error, timeout, non-success status). Template fallback is allowed.</summary>
    Unavailable = 0,

    /// <summary>The document is not valid SMART configuration JSON. Template fallback is allowed.</summary>
    Invalid = 1,

    /// <summary>The document (or the requested base) names an endpoint that is not https or not on a trusted host. Never falls back.</summary>
    UntrustedEndpoint = 2,
}

/// <summary>SMART discovery failed or was refused.</summary>
public sealed class CareConnectDiscoveryException : CareConnectException
{
    /// <summary>Creates the exception.</summary>
    public CareConnectDiscoveryException(CareConnectDiscoveryFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Why discovery failed.</summary>
    public CareConnectDiscoveryFailure Failure { get; }
}
