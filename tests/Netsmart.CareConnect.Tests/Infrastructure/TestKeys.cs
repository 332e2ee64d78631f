using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Netsmart.CareConnect.Tests.Infrastructure;

public static class TestKeys
{
    private static readonly RSA Rsa = CreateRsa();
    private static readonly ECDsa Ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    private static RSA CreateRsa()
    {
        var rsa = RSA.Create();
        rsa.KeySize = 2048;
        return rsa;
    }

    public static RsaSecurityKey RsaPrivate(string kid = "rsa-key-1") => new(Rsa) { KeyId = kid };

    public static RsaSecurityKey RsaPublic(string kid = "rsa-key-1") => new(Rsa.ExportParameters(false)) { KeyId = kid };

    public static ECDsaSecurityKey EcPrivate(string kid = "ec-key-1") => new(Ec) { KeyId = kid };

    public static ECDsaSecurityKey EcPublic(string kid = "ec-key-1")
    {
        var pub = ECDsa.Create(Ec.ExportParameters(false));
        return new ECDsaSecurityKey(pub) { KeyId = kid };
    }

    public static string RsaPrivateJwk(string kid = "rsa-key-1")
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Rsa.ExportParameters(true)) { KeyId = kid });
        return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["kty"] = jwk.Kty, ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E, ["d"] = jwk.D, ["p"] = jwk.P, ["q"] = jwk.Q, ["dp"] = jwk.DP, ["dq"] = jwk.DQ, ["qi"] = jwk.QI,
        });
    }

    public static string RsaPrivatePem() => Rsa.ExportPkcs8PrivateKeyPem();
}
