using System;
using Netsmart.CareConnect.Internal;

namespace Netsmart.CareConnect;

/// <summary>PKCE (RFC 7636) with <c>S256</c> only; <c>plain</c> is deliberately not offered.</summary>
public static class Pkce
{
    /// <summary>The only challenge method this library sends.</summary>
    public const string S256 = "S256";

    /// <summary>A new code verifier: 32 bytes from a CSPRNG, base64url without padding (43 characters, 256 bits).</summary>
    public static string CreateCodeVerifier() => Crypto.RandomBase64Url(32);

    /// <summary>The S256 code challenge of a verifier: <c>BASE64URL(SHA256(ASCII(verifier)))</c>.</summary>
    /// <exception cref="ArgumentException">The verifier is not 43-128 characters of <c>[A-Za-z0-9-._~]</c>.</exception>
    public static string ComputeS256Challenge(string codeVerifier)
    {
        Guard.NotNull(codeVerifier, nameof(codeVerifier));
        if (!IsValidVerifier(codeVerifier))
        {
            throw new ArgumentException("A PKCE code verifier is 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~'.", nameof(codeVerifier));
        }

        return Crypto.Base64Url(Crypto.Sha256(codeVerifier));
    }

    internal static bool IsValidVerifier(string verifier)
    {
        if (verifier.Length < 43 || verifier.Length > 128)
        {
            return false;
        }

        foreach (var c in verifier)
        {
            var ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
