using System;
using System.Collections.Generic;
using System.Text;

namespace Netsmart.Knowledge.Tests;

/// <summary>One adversarial input of a knowledge-core scanner, built at any size.</summary>
/// <param name="Name">A short stable name: the key of the test case that checks its result, and a row of the harness.</param>
/// <param name="Build">The input text of at least the given number of characters (a repeated piece: whole pieces only).</param>
internal sealed record AdversarialInput(string Name, Func<int, string> Build);

/// <summary>
/// Inputs that make a naive scanner quadratic: long runs of nested or repeated structure, one unterminated construct
/// holding the whole text, and a failure at the very end. The knowledge tests check what each scanner returns on them at
/// 1 MB; the benchmark harness (<c>--linearity</c>, which links this file) times them at n and 8n characters.
/// </summary>
internal static class AdversarialInputs
{
    /// <summary>
    /// Ends the inputs that would otherwise hold nothing to find, so that their result shows the scan reached the end.
    /// </summary>
    public const string JsonTail = "\"end\"";

    /// <inheritdoc cref="JsonTail"/>
    public const string UrlTail = " https://fhir.netsmartcloud.com/uscore/v1/Patient";

    /// <inheritdoc cref="JsonTail"/>
    public const string ScopeTail = " patient/Patient.read";

    /// <summary>Inputs of <c>JsonStringTokenizer.Tokenize</c>.</summary>
    public static readonly IReadOnlyList<AdversarialInput> Json = new[]
    {
        new AdversarialInput("deep-pairs", n => "[" + Repeat(new string('[', 500) + new string(']', 500) + ",", n) + JsonTail + "]"),
        new AdversarialInput("small-containers", n => "[" + Repeat("[[],{},[1]],", n) + JsonTail + "]"),
        new AdversarialInput("open-objects", n => Repeat("{\"a\":", n)),
        new AdversarialInput("open-arrays", n => new string('[', n)),
        new AdversarialInput("escaped-strings", n => "[" + Repeat("\"patient\\/Patient.read\\u0020x\",", n) + "]"),
        new AdversarialInput("nested-objects", n => "{" + Repeat("\"k\":{\"a\":[\"b\"]},", n) + "\"end\":1}"),
        new AdversarialInput("one-escaped-string", n => "\"" + Repeat("\\u0041\\n", n) + "\""),
        new AdversarialInput("long-comment", n => "/*" + new string('*', n) + "*/ " + JsonTail),
        new AdversarialInput("unterminated-string", n => "\"" + new string('x', n)),
        new AdversarialInput("bad-last-element", n => "[" + Repeat("1,", n) + "x]"),
    };

    /// <summary>Inputs of <c>NetsmartUrlScanner.FindAll</c>.</summary>
    public static readonly IReadOnlyList<AdversarialInput> Urls = new[]
    {
        new AdversarialInput("v1-base-urls", n => Repeat("https://fhir.netsmartcloud.com/uscore/v1/", n)),
        new AdversarialInput("hosts-with-slash", n => Repeat("fhir.netsmartcloud.com/", n)),
        new AdversarialInput("encoded-hosts", n => Repeat("%2F%2Ffhir.netsmartcloud.com", n)),
        new AdversarialInput("encoded-v1-urls", n => Repeat("https%3A%2F%2Ffhir.netsmartcloud.com%2Fuscore%2Fv1%2F", n)),
        new AdversarialInput("bare-domains", n => Repeat("netsmartcloud.com", n) + UrlTail),
        new AdversarialInput("dot-domains", n => Repeat(".netsmartcloud.com", n) + UrlTail),
        new AdversarialInput("hosts", n => Repeat("fhir.netsmartcloud.com", n) + UrlTail),
        new AdversarialInput("long-path", n => "https://fhir.netsmartcloud.com/" + new string('a', n)),
        new AdversarialInput("long-v1-path", n => "https://fhir.netsmartcloud.com/uscore/v1/" + Repeat("Patient/", n)),
        new AdversarialInput("nested-aud", n => Repeat("https://oauth.netsmartcloud.com/authorize?aud=", n)),
        new AdversarialInput("v2-paths", n => Repeat("/provider/patient-access/v2/", n) + UrlTail),
    };

    /// <summary>Inputs of <c>ScopeScanner.GetEdits</c>.</summary>
    public static readonly IReadOnlyList<AdversarialInput> Scopes = new[]
    {
        new AdversarialInput("v1-scopes", n => Repeat("patient/Patient.read ", n)),
        new AdversarialInput("scope-params", n => Repeat("scope=", n) + ScopeTail),
        new AdversarialInput("amp-scope-params", n => Repeat("&scope=", n) + ScopeTail),
        new AdversarialInput("contexts", n => Repeat("patient/", n) + ScopeTail),
        new AdversarialInput("encoded-slashes", n => Repeat("%2F", n) + ScopeTail),
        new AdversarialInput("encoded-spaces", n => Repeat("%20", n) + ScopeTail),
        new AdversarialInput("encoded-scope-list", n => "scope=" + Repeat("patient%2FPatient.read+", n)),
        new AdversarialInput("long-query", n => "patient/Observation.rs?" + new string('a', n) + ScopeTail),
        new AdversarialInput("repeated-scope-params", n => "x?" + Repeat("scope=patient/Observation.sr&", n)),
        new AdversarialInput("slashes", n => Repeat("/", n) + ScopeTail),
    };

    /// <summary>The family's input of that name.</summary>
    public static AdversarialInput Named(IReadOnlyList<AdversarialInput> family, string name)
    {
        foreach (var input in family)
        {
            if (input.Name == name)
            {
                return input;
            }
        }

        throw new ArgumentException("no adversarial input named " + name, nameof(name));
    }

    /// <summary><paramref name="piece"/> repeated until the text has at least <paramref name="size"/> characters.</summary>
    public static string Repeat(string piece, int size)
    {
        var sb = new StringBuilder(size + piece.Length);
        while (sb.Length < size)
        {
            sb.Append(piece);
        }

        return sb.ToString();
    }
}
