using System;
using System.Linq;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Netsmart.CareConnect;

internal static class CareConnectKeyLoader
{
    public static CareConnectClientCredentials CreateCredentials(CareConnectOptions options, SmartConfiguration? discovered = null)
    {
        var clientId = options.ClientId!;
        if (!string.IsNullOrEmpty(options.ClientSecret))
        {
            return CareConnectClientCredentials.ClientSecret(clientId, options.ClientSecret!, SecretMethod(options, discovered));
        }

        if (string.IsNullOrEmpty(options.PrivateKeyJwk) && string.IsNullOrEmpty(options.PrivateKeyPem) && options.SigningKey is null)
        {
            // Only a user app gets here (the validator demands a secret or key of a backend): a public PKCE client.
            return CareConnectClientCredentials.PublicClient(clientId);
        }

        var key = options.SigningKey ?? LoadKey(options);
        if (!string.IsNullOrEmpty(options.KeyId))
        {
            key.KeyId = options.KeyId;
        }

        return string.IsNullOrEmpty(options.JwksUrl)
            ? CareConnectClientCredentials.PrivateKeyJwt(clientId, key, options.SigningAlgorithm)
            : CareConnectClientCredentials.PrivateKeyJwt(clientId, key, options.SigningAlgorithm, new Uri(options.JwksUrl, UriKind.Absolute));
    }

    /// <summary>The explicit option wins; else Basic unless discovery lists only <c>client_secret_post</c>.</summary>
    private static ClientAuthenticationMethod SecretMethod(CareConnectOptions options, SmartConfiguration? discovered)
    {
        switch (options.TokenEndpointAuthMethod)
        {
            case "client_secret_post":
                return ClientAuthenticationMethod.ClientSecretPost;
            case "client_secret_basic":
                return ClientAuthenticationMethod.ClientSecretBasic;
        }

        var supported = discovered?.TokenEndpointAuthMethodsSupported;
        return supported is { Count: > 0 } && !supported.Contains("client_secret_basic") && supported.Contains("client_secret_post")
            ? ClientAuthenticationMethod.ClientSecretPost
            : ClientAuthenticationMethod.ClientSecretBasic;
    }

    public static string SafeReason(Exception ex) => ex switch
    {
        PlatformNotSupportedException => "PEM keys need .NET 8 or later; on .NET Framework use PrivateKeyJwk.",
        CryptographicException => "the key material could not be read.",
        FormatException => "the key material could not be read.",
        ArgumentException a => a.Message.Split(new[] { " (Parameter" }, StringSplitOptions.None)[0],
        _ => "the key material could not be read.",
    };

    private static SecurityKey LoadKey(CareConnectOptions options)
    {
        if (!string.IsNullOrEmpty(options.PrivateKeyJwk))
        {
            JsonWebKey jwk;
            try
            {
                jwk = new JsonWebKey(options.PrivateKeyJwk);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException("The JWK is not valid JSON.", ex);
            }

            if (string.IsNullOrEmpty(jwk.KeyId) && !string.IsNullOrEmpty(options.KeyId))
            {
                jwk.KeyId = options.KeyId;
            }

            return jwk;
        }

#if NET8_0_OR_GREATER
        var pem = options.PrivateKeyPem!;
        try
        {
            if (options.SigningAlgorithm == SecurityAlgorithms.EcdsaSha384)
            {
                var ec = ECDsa.Create();
                ec.ImportFromPem(pem);
                return new ECDsaSecurityKey(ec) { KeyId = options.KeyId };
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa) { KeyId = options.KeyId };
        }
        catch (Exception ex) when (ex is ArgumentException || ex is CryptographicException)
        {
            // The runtime's message may describe the input; never pass it on.
            throw new FormatException("The PEM key could not be read.");
        }
#else
        throw new PlatformNotSupportedException();
#endif
    }
}
