using System.Threading;
using System.Threading.Tasks;

namespace Netsmart.CareConnect;

/// <summary>Supplies the bearer token for <see cref="CareConnectAuthenticationHandler"/>.</summary>
public interface ICareConnectTokenProvider
{
    /// <summary>Returns a valid access token, acquiring or renewing it when needed.</summary>
    Task<CareConnectAccessToken> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the token if it is the current one (called after a 401), so the next call acquires a new one.</summary>
    void Invalidate(CareConnectAccessToken token);
}
