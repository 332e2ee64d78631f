using System;
using System.Security.Cryptography;
using System.Text;

namespace Netsmart.CareConnect.Internal;

internal static class Crypto
{
    public static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
#if NET8_0_OR_GREATER
        RandomNumberGenerator.Fill(bytes);
#else
        using (var rng = RandomNumberGenerator.Create())
        {
            rng.GetBytes(bytes);
        }
#endif
        return bytes;
    }

    public static string RandomBase64Url(int byteCount) => Base64Url(RandomBytes(byteCount));

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Sha256(string ascii)
    {
        var input = Encoding.ASCII.GetBytes(ascii);
#if NET8_0_OR_GREATER
        return SHA256.HashData(input);
#else
        using (var sha = SHA256.Create())
        {
            return sha.ComputeHash(input);
        }
#endif
    }
}
