using System;
using System.Collections.Generic;
using System.Text;

namespace Netsmart.CareConnect.Internal;

/// <summary>RFC 3986 percent-encoding (spaces as <c>%20</c>) for query strings, as the migration guide shows.</summary>
internal static class FormEncoding
{
    public static string Escape(string value)
    {
        // Uri.EscapeDataString keeps only RFC 3986 unreserved characters; it is length-limited on
        // old frameworks, so encode in chunks.
        const int Chunk = 32000;
        if (value.Length <= Chunk)
        {
            return Uri.EscapeDataString(value);
        }

        var sb = new StringBuilder(value.Length * 2);
        var i = 0;
        while (i < value.Length)
        {
            var length = Math.Min(Chunk, value.Length - i);
            if (i + length < value.Length && char.IsHighSurrogate(value[i + length - 1]))
            {
                length--;
            }

            sb.Append(Uri.EscapeDataString(value.Substring(i, length)));
            i += length;
        }

        return sb.ToString();
    }

    public static string Query(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var sb = new StringBuilder();
        foreach (var pair in parameters)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(Escape(pair.Key)).Append('=').Append(Escape(pair.Value));
        }

        return sb.ToString();
    }

    /// <summary>application/x-www-form-urlencoded encoding of a client id or secret for HTTP Basic (RFC 6749 §2.3.1).</summary>
    public static string FormUrlEncode(string value) => Escape(value).Replace("%20", "+");
}
