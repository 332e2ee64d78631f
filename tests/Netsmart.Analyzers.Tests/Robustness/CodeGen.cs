using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;

namespace Netsmart.Analyzers.Tests.Robustness;

/// <summary>A generated program whose class P has a static Run(), and what Run() must return once the program is fixed.</summary>
public sealed record FormatProgram(TestProgram Program, string ExpectedOutput)
{
    public override string ToString() => Program.ToString();
}

/// <summary>One call in a <see cref="FormatProgram"/>: class members it needs, the call expression, the line it returns once fixed.</summary>
internal sealed record FormatCall(string Member, string Call, string Expected);

/// <summary>One generated test program: a few files (path, text).</summary>
public sealed record TestProgram(IReadOnlyList<(string Path, string Text)> Files)
{
    public override string ToString() =>
        string.Join("\n", Files.Select(f => "// ---- " + f.Path + "\n" + f.Text));
}

/// <summary>
/// Generators of C# programs that hold Netsmart URLs and SMART scopes in every literal form and context, and of
/// noise (broken syntax, unterminated strings, huge literals, odd Unicode, escapes).
/// </summary>
internal static class CodeGen
{
    private const string Tenant = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";

    /// <summary>String values: what the rules look for, near-misses, and ordinary text.</summary>
    public static readonly Gen<string> Value = Gen.OneOf(
        Gen.OneOf(
            "https://fhir.netsmartcloud.com/uscore/v1",
            "https://fhir.netsmartcloud.com/uscore/v1/Patient/123?_count=10",
            "http://fhirtest.netsmartcloud.com/uscore/v1/metadata",
            "https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/1/$export",
            "https://fhir.netsmartcloud.com/uscore/v1/bulk-data/$export-poll-status?job=7",
            "https://oauth.netsmartcloud.com/token",
            "https://oauthtest.netsmartcloud.com/authorize?response_type=code&scope=patient%2FPatient.read+launch%2Fpatient",
            "https://fhir.netsmartcloud.com/provider/patient-access/v2/Patient",
            "https://fhir.netsmartcloud.com/payer/system-access/v2/acme/Group/1/$export",
            "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Observation",
            "https://fhir.netsmartcloud.com/auth/oauth2/v1/token",
            "https://fhir.netsmartcloud.com/provider/patient-access/v2/" + Tenant + "/Patient",
            "https://fhir.netsmartcloud.com/v4/Patient",
            "https://fhir.netsmartcloud.com/ccd?patient=1",
            "fhir.netsmartcloud.com/uscore/v1/",
            "https://example.com/?aud=https%3A%2F%2Ffhir.netsmartcloud.com%2Fuscore%2Fv1&x=1"),
        Gen.OneOf(
            "patient/Patient.read",
            "patient/Patient.read patient/Observation.read launch/patient openid fhirUser",
            "user/*.write",
            "system/*.read",
            "system/Group.read",
            "patient/Observation.sr",
            "patient/Observation.rx",
            "patient/*.*",
            "grant_type=client_credentials&scope=system%2FPatient.read",
            "client_credentials"),
        Gen.OneOf("Hello, world", "/api/items/", "C:\\temp\\x.txt", "quote \" inside", "braces {0} {{x}}", "", "tab\there", "é ü 😀"));

    /// <summary>A value written as a literal expression of some form; <paramref name="constant"/> restricts to constant forms.</summary>
    public static Gen<string> Literal(bool constant) =>
        from value in Value
        from form in Gen.Int[0, constant ? 5 : 11]
        from split in Gen.Int[0, Math.Max(0, value.Length)]
        select Write(value, form, split);

    private static string Write(string value, int form, int split)
    {
        switch (form)
        {
            case 0: return Regular(value);
            case 1: return "@\"" + value.Replace("\"", "\"\"") + "\"";
            case 2: return value.Length == 0 || value.Contains('\n') ? Regular(value) : "\"\"\"" + (value.EndsWith('"') ? value + " " : value) + "\"\"\"";
            case 3: return "\"\"\"\n    " + value + "\n    \"\"\""; // multi-line raw (first line of a member: indentation 4)
            case 4: return Regular(value.Substring(0, split)) + " + " + Regular(value.Substring(split)); // constant concatenation
            case 5: return Escaped(value);
            case 6: return "$\"" + Interpolated(value.Substring(0, split)) + "{tenantId}" + Interpolated(value.Substring(split)) + "\"";
            case 7: return "$@\"" + Interpolated(value).Replace("\"", "\"\"") + "\"";
            case 8: return value.Length == 0 || value.Contains("{{") ? Regular(value) : "$$\"\"\"" + value.Replace("\"", "'") + "\"\"\"";
            case 9: return Regular(value.Substring(0, split)) + " + s + " + Regular(value.Substring(split));
            case 10: return "(" + Regular(value) + " + (s + " + Regular("/x") + "))";
            default: return "string.Concat(" + Regular(value) + ", s)";
        }
    }

    private static string Regular(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value)
        {
            sb.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", _ => c.ToString() });
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Some characters written as \u escapes.</summary>
    private static string Escaped(string value)
    {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            sb.Append(i % 3 == 0 || c == '"' || c == '\\' ? "\\u" + ((int)c).ToString("X4") : c.ToString());
        }

        return sb.Append('"').ToString();
    }

    private static string Interpolated(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}").Replace("\n", "\\n").Replace("\t", "\\t");

    /// <summary>A value split between a constant and the text of an interpolated string that reads it in a hole (plain, constant, or nested).</summary>
    private static readonly Gen<string> ConstantHole =
        from value in Value
        from split in Gen.Int[0, Math.Max(0, value.Length)]
        from form in Gen.Int[0, 2]
        let head = "    const string H = " + Regular(value.Substring(0, split)) + ";\n"
        let rest = Interpolated(value.Substring(split))
        select form switch
        {
            0 => head + "    string I(string s) => $\"{H}" + rest + "{s}\";",
            1 => head + "    const string J = $\"{H}" + rest + "\";",
            _ => head + "    const string N = $\"{H}\";\n    string I(string s, string tenantId) => $\"{N}" + rest + "/{s}\";",
        };

    /// <summary>A literal followed by a long chain of constant, run-time and interpolated operands.</summary>
    private static readonly Gen<string> LongChain =
        from l in Literal(constant: false)
        from n in Gen.Int[50, 1500]
        select "    string Chain(string s, string tenantId) => " + l +
            string.Concat(Enumerable.Range(0, n).Select(i => (i % 4) switch { 0 => " + \"/x\"", 1 => " + s", 2 => " + $\"/{s}\"", _ => " + (\"/y\" + s)" })) + ";";

    /// <summary>One member of a class, holding literals in some context.</summary>
    private static readonly Gen<string> Member = Gen.OneOf(
        from l in Literal(constant: false) select "    string F() { string s = \"x\"; string tenantId = \"" + Tenant + "\"; return " + l + "; }",
        from l in Literal(constant: false) select "    string G(string s, string tenantId) => " + l + ";",
        from l in Literal(constant: true) select "    const string C = " + l + ";\n    const string D = C + \"/Patient\";",
        from l in Literal(constant: true) select "    [N(" + l + ")] void A() { }",
        from l in Literal(constant: true) select "    int S(string s) { switch (s) { case " + l + ": return 1; default: return 0; } }",
        from l in Literal(constant: false) select "    System.Func<string, string> L = s => { string tenantId = s; return " + l + "; };",
        from l in Literal(constant: false) select "    static string M(string p) { var f = static (string s) => " + l.Replace("tenantId", "s") + "; return f(p); }",
        from l in Literal(constant: false) select "    string tenantId = \"" + Tenant + "\";\n    string P(string s) => " + l + ";",
        from v in Value select "    System.ReadOnlySpan<byte> U() => " + Regular(v) + "u8;",
        from l in Literal(constant: true) select "    static string Q(string s) { const string local = " + l + "; return local + s; }",
        from l in Literal(constant: false) select "    string Fmt(string s, string tenantId) => string.Format(" + l + ", s);",
        from l in Literal(constant: false) select "    void Write(string s) => System.Console.WriteLine(" + l + ", s, 2);",
        from l in Literal(constant: false) select "    void Log(Microsoft.Extensions.Logging.ILogger logger, string tenantId) => Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, " + l + ", 1);",
        from l in Literal(constant: true) select "    const string Template = " + l + ";\n    string FromConst(string s) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, s);",
        ConstantHole,
        LongChain);

    private static readonly Gen<string> TopLevel =
        from l in Literal(constant: false)
        select "string s = args.Length > 0 ? args[0] : \"\";\nstring tenantId = s;\nstring top = " + l + ";\nSystem.Console.WriteLine(top);\n";

    /// <summary>A compilable-by-intent program: top-level statements, classes (one partial across files), a generated file.</summary>
    public static readonly Gen<TestProgram> Valid =
        from top in TopLevel
        from a in Member.Array[1, 4]
        from b in Member.Array[0, 3]
        from generated in Member.Array[0, 2]
        from style in Gen.Int[0, 1]
        select new TestProgram(new List<(string, string)>
        {
            ("/src/Program.cs", top),
            ("/src/A.cs", "using System;\n\nnamespace Gen;\n\nsealed class NAttribute : Attribute { public NAttribute(string s) { } }\n\npartial class A\n{\n" + Nest(a, "K", "") + "\n}\n"),
            ("/src/A.Part.cs", "namespace Gen\n{\n    partial class A\n    {\n" + Nest(b, "P", "    ") + "\n    }\n}\n"),
            (style == 0 ? "/src/Client.g.cs" : "/src/Client.cs",
                (style == 0 ? "" : "// <auto-generated/>\n") + "namespace Gen;\n\nclass Generated\n{\n" + Nest(generated, "G", "") + "\n}\n"),
        });

    /// <summary>Each member in a nested class of its own (unique names), indented by <paramref name="indent"/>.</summary>
    private static string Nest(string[] members, string prefix, string indent) => string.Join("\n", members.Select((m, i) =>
        indent + "    class " + prefix + i + "\n" + indent + "    {\n" + indent + "    " + m.Replace("\n", "\n    " + indent) + "\n" + indent + "    }"));

    /// <summary>A URL base before the fix and the base the fix writes in a format string or template (the escaped placeholder formats to {tenant-id}).</summary>
    private static readonly Gen<(string Before, string After)> FormatUrl = Gen.OneOf(
        Gen.Const(("https://fhir.netsmartcloud.com/uscore/v1", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}")),
        Gen.Const(("http://fhirtest.netsmartcloud.com/uscore/v1", "https://fhirtest.netsmartcloud.com/provider/patient-access/v2/{tenant-id}")),
        Gen.Const(("https://fhir.netsmartcloud.com/uscore/v1/bulk-data", "https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}")),
        Gen.Const(("https://fhir.netsmartcloud.com/provider/patient-access/v2", "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}")),
        Gen.Const(("https://fhirtest.netsmartcloud.com/payer/system-access/v2", "https://fhirtest.netsmartcloud.com/payer/system-access/v2/{tenant-id}")));

    /// <summary>
    /// One call of a composite-format or message-template API (or of a [LoggerMessage] method) whose format string holds a Netsmart URL in some literal
    /// form (or a const, or a const chain), and the line it must produce once fixed; <c>{i}</c> in members stands for
    /// the call's index.
    /// </summary>
    private static readonly Gen<FormatCall> FormatCallGen =
        from url in FormatUrl
        from api in Gen.Int[0, 9]
        from form in Gen.Int[0, 7]
        select MakeFormatCall(url.Before, url.After, api, form);

    private static FormatCall MakeFormatCall(string before, string after, int api, int form)
    {
        bool logging = api >= 6;
        if (api == 9 && (form == 3 || form == 7))
        {
            form = 0; // an attribute argument is constant: no interpolation holes
        }

        string item = logging ? "{Id}" : "{0}";
        string value = before + "/Patient/" + item;
        string member = "";
        string literal;
        switch (form)
        {
            case 0: literal = Regular(value); break;
            case 1: literal = "@\"" + value + "\""; break;
            case 2: literal = "\"\"\"" + value + "\"\"\""; break;
            case 3: literal = "$\"" + before + "/Patient/{" + item + "}{suffix}\""; break;
            case 4: literal = Regular(before) + " + " + Regular("/Patient/" + item); break;
            case 5: member = "    const string F{i} = " + Regular(value) + ";\n"; literal = "F{i}"; break;
            case 6: member = "    const string B{i} = " + Regular(before) + ";\n    const string F{i} = B{i} + \"/Patient/" + item + "\";\n"; literal = "F{i}"; break;
            default: literal = "$$\"\"\"" + before + "/Patient/" + item + "{{suffix}}\"\"\""; break;
        }

        string call = api switch
        {
            0 => "string.Format(" + literal + ", 1)",
            1 => "string.Format(CultureInfo.InvariantCulture, " + literal + ", 1)",
            2 => "new StringBuilder().AppendFormat(" + literal + ", 1).ToString()",
            3 => "Write(w => w.Write(" + literal + ", 1))",
            4 => "string.Format(null, CompositeFormat.Parse(" + literal + "), 1)",
            5 => "Url(" + literal + ", 1)",
            6 => "Log(l => l.LogInformation(" + literal + ", 1))",
            7 => "Log(l => LoggerMessage.Define<int>(LogLevel.Information, new EventId(1), " + literal + ")(l, 1, null))",
            8 => "Log(l => l.Log(LogLevel.Warning, " + literal + ", 1))",
            _ => "Log(l => M{i}(l, 1))",
        };
        if (api == 9)
        {
            member += "    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = " + literal + ")]\n    static partial void M{i}(ILogger logger, int id);\n";
        }

        return new FormatCall(member, call, after + "/Patient/1");
    }

    /// <summary>
    /// A class P whose static Run() makes a few format and logging calls, one result per line, with or without a
    /// tenantId in scope (which the fix must not interpolate into a format string).
    /// </summary>
    public static readonly Gen<FormatProgram> FormatPrograms =
        from calls in FormatCallGen.Array[1, 4]
        from tenantInScope in Gen.Bool
        select MakeFormatProgram(calls, tenantInScope);

    private static FormatProgram MakeFormatProgram(FormatCall[] calls, bool tenantInScope)
    {
        var sb = new StringBuilder();
        sb.Append("using System;\nusing System.Diagnostics.CodeAnalysis;\nusing System.Globalization;\nusing System.IO;\nusing System.Text;\nusing Microsoft.Extensions.Logging;\n\n");
        sb.Append("public static partial class P\n{\n");
        for (int i = 0; i < calls.Length; i++)
        {
            sb.Append(calls[i].Member.Replace("{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        sb.Append("    static string Url([StringSyntax(StringSyntaxAttribute.CompositeFormat)] string format, params object[] args) => string.Format(format, args);\n");
        sb.Append("    static string Write(Action<StringWriter> write) { var w = new StringWriter(); write(w); return w.ToString(); }\n");
        sb.Append("    static string Log(Action<ILogger> log) { var l = new CapturingLogger(); log(l); return l.Last; }\n\n");
        sb.Append("    public static string Run()\n    {\n        string suffix = \"\";\n");
        sb.Append(tenantInScope ? "        string tenantId = \"acme\";\n" : "        string tenantId = null;\n");
        sb.Append("        var result = new StringBuilder(tenantId);\n");
        for (int i = 0; i < calls.Length; i++)
        {
            sb.Append("        result.Append(").Append(calls[i].Call.Replace("{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(").Append('\\n');\n");
        }

        sb.Append("        return result.ToString();\n    }\n}\n\n");
        sb.Append("sealed class CapturingLogger : ILogger\n{\n    public string Last = \"\";\n");
        sb.Append("    public IDisposable BeginScope<TState>(TState state) where TState : notnull => null;\n");
        sb.Append("    public bool IsEnabled(LogLevel logLevel) => true;\n");
        sb.Append("    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter) => Last = formatter(state, exception);\n}\n");
        string expected = (tenantInScope ? "acme" : "") + string.Concat(calls.Select(c => c.Expected + "\n"));
        return new FormatProgram(new TestProgram(new List<(string, string)> { ("/src/P.cs", sb.ToString()) }), expected);
    }

    /// <summary>Noise: text that breaks the parser, literals no one writes, and the odd character.</summary>
    public static readonly Gen<string> Noise = Gen.OneOf(
        Gen.OneOf(
            "\"https://fhir.netsmartcloud.com/uscore/v1",
            "$\"https://fhir.netsmartcloud.com/uscore/v1/{",
            "\"\"\"\n\"https://oauth.netsmartcloud.com/token\" + + ;",
            "@\"https://fhir.netsmartcloud.com/uscore/v1\"\"",
            "$$\"\"\"https://fhir.netsmartcloud.com/uscore/v1/{{{x}}}\"\"\"",
            "u8\"patient/Patient.read\"",
            "\"\\u0068ttps://fhir.netsmartcloud.com/uscore/v1\\q\"",
            "\"https://fhir.netsmartcloud.com/uscore/v1\\uD800\"",
            "\"\u202Ehttps://fhir.netsmartcloud.com/uscore/v1\u200B\"",
            "@\"https://fhir.netsmartcloud.com/uscore/v1\u2028/Patient\"",
            "\"patient/Patient.read\" + + \"https://fhir.netsmartcloud.com/uscore/v1\"",
            "class { string = \"system/*.read\" }",
            "#if X\n\"https://fhir.netsmartcloud.com/uscore/v1\"\n#endif",
            "/* \"https://fhir.netsmartcloud.com/uscore/v1\" */",
            "'\\u0068' + \"ttps://fhir.netsmartcloud.com/uscore/v1\"",
            "\0\uFFFF\uFFFE"),
        from n in Gen.Int[100, 3000]
        select "\"" + string.Concat(Enumerable.Repeat("https://fhir.netsmartcloud.com/uscore/v1/Patient ", n)) + "\"",
        from n in Gen.Int[50, 1500]
        select string.Join(" + ", Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "\"https://fhir.netsmartcloud.com/uscore/v1/\"" : i % 3 == 1 ? "s" : "\"patient/Patient.read \"")),
        Gen.String[0, 40]);

    /// <summary>A valid program with noise dropped in at random places of random files.</summary>
    public static readonly Gen<TestProgram> Noisy =
        from program in Valid
        from insertions in Gen.Select(Gen.Int[0, 3], Gen.Double[0, 1], Noise).Array[1, 3]
        select new TestProgram(program.Files.Select((f, i) =>
        {
            string text = f.Text;
            foreach ((int file, double position, string noise) in insertions)
            {
                if (file == i)
                {
                    int at = (int)(position * text.Length);
                    text = text.Insert(at, (file % 2 == 0 ? "\nstring n = " + noise + ";\n" : noise));
                }
            }

            return (f.Path, text);
        }).ToList());
}
