using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Analyzers.Rules;
using Netsmart.Analyzers.Strings;
using Netsmart.Analyzers.Tests.Verifiers;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// Issue #14: a hole or operand that is a simple name is asked whether it may be a constant holding (a piece of) the hint
/// only when the name is that of a source constant that may carry it, a metadata constant may hold it, or the member
/// around it holds the <c>const</c> keyword (a const local). Each way a constant reaches a string expression is
/// followed, also into a file whose own text holds no hint.
/// </summary>
public class ConstantChannelTests
{
    private const string Contexts = """
        // The only file that holds a scope context: a const initialized with it opens the rule.
        static class Contexts
        {
            public const string Patient = "patient";
        }
        """;

    [Theory]
    [InlineData("class C { string S(string context) => context + \"/Observation.read\"; }", false)]
    [InlineData("class C { string S() { const string context = \"patient\"; return context + \"/Observation.read\"; } }", true)]
    [InlineData("class C { string S() { string F() { const string c = \"x\"; return c; } return context + \"/Observation.read\"; } }", true)]
    [InlineData("class C { string S() => /* const */ context + \"/Observation.read\"; }", true)] // a comment only makes it true
    [InlineData("class C { string S() => context + \"/Observation.read\"; // const\n }", false)] // after the member
    [InlineData("class C { const string K = \"x\"; string S() => context + \"/Observation.read\"; }", false)] // another member's const
    [InlineData("class C { string S() { var constant = 1; string @const = \"\"; return context + \"/Observation.read\"; } }", true)]
    [InlineData("class C { string S() { var constant = 1; return context + \"/Observation.read\"; } }", false)]
    [InlineData("const string k = \"x\";\nSystem.Console.WriteLine(1);\nstring s = context + \"/Observation.read\";", true)] // top-level statements
    [InlineData("[A(context + \"/x\")] class C { }", false)]
    public void A_name_can_be_a_const_local_only_where_the_member_holds_the_const_keyword(string source, bool expected)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview));
        IdentifierNameSyntax context = tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>().First(n => n.Identifier.ValueText == "context" && n.Parent is BinaryExpressionSyntax);

        Assert.Equal(expected, ConstantLeaves.MayBeConstLocal(context));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task In_a_member_of_20000_statements_a_const_local_at_the_top_still_joins_the_scope_at_the_end(bool topLevel)
    {
        // The member's text is searched for 'const' once, not once per hole: 40,000 holes and operands ask.
        var body = new System.Text.StringBuilder("const string context = \"patient\";\n");
        for (int i = 0; i < 20_000; i++)
        {
            body.Append("string s").Append(i).Append(" = $\"{x}/a\" + x;\n");
        }

        body.Append("string r = context + \"/Observation.read\";\n");
        string source = topLevel
            ? "string x = System.Console.ReadLine()!;\n" + body
            : "class C\n{\n    void M(string x)\n    {\n" + body + "    }\n}\n";
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Big", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), "Big.cs") }, TestDefaults.References,
            new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));

        ImmutableArray<Diagnostic> diagnostics = await CompilationAnalysis.AnalyzeAsync(new SmartScopeAnalyzer(), compilation);

        Assert.Equal(
            new[] { ("Big.cs", SpanOf(source, "context + \"/Observation.read\""), "SMART 1.0 scope syntax 'patient/Observation.read'; the SMART 2.0 form is 'patient/Observation.rs'") },
            Found(diagnostics));
    }

    [Fact]
    public async Task Scopes_made_in_files_without_a_scope_context_are_still_reported_there()
    {
        const string carrier = "class B\n{\n    string S() => Contexts.Patient + \"/Observation.read\";\n    string T() => $\"{Contexts.Patient}/Patient.write\";\n}\n";
        const string local = "class D\n{\n    string S()\n    {\n        const string context = \"patient\";\n        return context + \"/Observation.read\";\n    }\n}\n";
        const string escaped = "class F\n{\n    string S() => Contexts.P\\u0061tient + \"/Encounter.read\";\n}\n";
        CSharpCompilation compilation = Compile(("Contexts.cs", Contexts), ("Carrier.cs", carrier), ("Local.cs", local), ("Escaped.cs", escaped));

        ImmutableArray<Diagnostic> diagnostics = await CompilationAnalysis.AnalyzeAsync(new SmartScopeAnalyzer(), compilation);

        Assert.Equal(
            new[]
            {
                ("Carrier.cs", SpanOf(carrier, "Contexts.Patient + \"/Observation.read\""), "SMART 1.0 scope syntax 'patient/Observation.read'; the SMART 2.0 form is 'patient/Observation.rs'"),
                ("Carrier.cs", SpanOf(carrier, "$\"{Contexts.Patient}/Patient.write\""), "SMART 1.0 scope syntax 'patient/Patient.write'; the SMART 2.0 form is 'patient/Patient.cud'"),
                ("Escaped.cs", SpanOf(escaped, "Contexts.P\\u0061tient + \"/Encounter.read\""), "SMART 1.0 scope syntax 'patient/Encounter.read'; the SMART 2.0 form is 'patient/Encounter.rs'"),
                ("Local.cs", SpanOf(local, "context + \"/Observation.read\""), "SMART 1.0 scope syntax 'patient/Observation.read'; the SMART 2.0 form is 'patient/Observation.rs'"),
            },
            Found(diagnostics));
    }

    [Fact]
    public async Task A_scope_made_with_a_metadata_constant_in_a_file_without_a_scope_context_is_still_reported_there()
    {
        MetadataReference library = CompilationAnalysis.Library("namespace Vendor { public static class Scopes { public const string Read = \"patient/Observation.read\"; public const string Context = \"user\"; } }");
        const string fromMetadata = "class H\n{\n    string S() => Vendor.Scopes.Context + \"/Observation.read\";\n}\n";
        CSharpCompilation compilation = Compile(new[] { ("Contexts.cs", Contexts), ("Metadata.cs", fromMetadata) }, library);

        ImmutableArray<Diagnostic> diagnostics = await CompilationAnalysis.AnalyzeAsync(new SmartScopeAnalyzer(), compilation);

        Assert.Equal(
            new[] { ("Metadata.cs", SpanOf(fromMetadata, "Vendor.Scopes.Context + \"/Observation.read\""), "SMART 1.0 scope syntax 'user/Observation.read'; the SMART 2.0 form is 'user/Observation.rs'") },
            Found(diagnostics));
    }

    [Fact]
    public async Task Scopes_joined_through_a_const_declared_in_a_file_without_a_scope_context_are_still_reported_there()
    {
        // Each file holds one way in, and no scope context: the file gate must let each one through on its own.
        const string field = "class D\n{\n    const string Context = Contexts.Patient;\n    string S() => $\"{Context}/Observation.read\";\n}\n";
        const string local = "class E\n{\n    string S()\n    {\n        const string c = Contexts.Patient;\n        return c + \"/Patient.read\";\n    }\n}\n";
        const string split = "class G\n{\n    string S()\n    {\n        const string c = \"pat\";\n        return c + \"ient/Encounter.read\";\n    }\n}\n";
        const string imported = "using static Vendor.Scopes;\nclass H\n{\n    string S() => Context + \"/Observation.write\";\n}\n";
        MetadataReference library = CompilationAnalysis.Library("namespace Vendor { public static class Scopes { public const string Read = \"patient/Observation.read\"; public const string Context = \"user\"; } }");
        CSharpCompilation compilation = Compile(new[] { ("Contexts.cs", Contexts), ("Field.cs", field), ("Local.cs", local), ("Split.cs", split), ("Imported.cs", imported) }, library);

        ImmutableArray<Diagnostic> diagnostics = await CompilationAnalysis.AnalyzeAsync(new SmartScopeAnalyzer(), compilation);

        Assert.Equal(
            new[]
            {
                ("Field.cs", SpanOf(field, "$\"{Context}/Observation.read\""), "SMART 1.0 scope syntax 'patient/Observation.read'; the SMART 2.0 form is 'patient/Observation.rs'"),
                ("Imported.cs", SpanOf(imported, "Context + \"/Observation.write\""), "SMART 1.0 scope syntax 'user/Observation.write'; the SMART 2.0 form is 'user/Observation.cud'"),
                ("Local.cs", SpanOf(local, "c + \"/Patient.read\""), "SMART 1.0 scope syntax 'patient/Patient.read'; the SMART 2.0 form is 'patient/Patient.rs'"),
                ("Split.cs", SpanOf(split, "c + \"ient/Encounter.read\""), "SMART 1.0 scope syntax 'patient/Encounter.read'; the SMART 2.0 form is 'patient/Encounter.rs'"),
            },
            Found(diagnostics));
    }

    [Fact]
    public async Task Urls_joined_from_a_host_constant_in_a_file_without_netsmartcloud_are_still_reported_there()
    {
        const string hosts = "static class Hosts\n{\n    public const string Fhir = \"https://fhir.netsmartcloud.com\";\n}\n";
        const string client = """
            class Client
            {
                string A(string id) => Hosts.Fhir + "/uscore/v1/Patient/" + id;
                string B(string id) => $"{Hosts.Fhir}/uscore/v1/Observation/{id}";
                string C(string id) => string.Concat(Hosts.Fhir, "/uscore/v1/Encounter/", id);
                System.Uri D() => new System.Uri(new System.Uri(Hosts.Fhir), "uscore/v1/metadata");
                string E(string id) => "https://example.org" + "/uscore/v1/Patient/" + id;
            }
            """;
        string normalized = TestDefaults.Normalize(client);

        ImmutableArray<Diagnostic> diagnostics = await CompilationAnalysis.AnalyzeAsync(new NetsmartUrlAnalyzer(), Compile(("Hosts.cs", hosts), ("Client.cs", normalized)));

        Assert.Equal(
            new[]
            {
                ("NSM001", SpanOf(normalized, "Hosts.Fhir + \"/uscore/v1/Patient/\"")),
                ("NSM001", SpanOf(normalized, "$\"{Hosts.Fhir}/uscore/v1/Observation/{id}\"")),
                ("NSM001", SpanOf(normalized, "\"/uscore/v1/Encounter/\"")),
                ("NSM001", SpanOf(normalized, "\"uscore/v1/metadata\"")),
            },
            diagnostics.Where(d => d.Location.SourceTree!.FilePath == "Client.cs").OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => (d.Id, (d.Location.SourceSpan.Start, d.Location.SourceSpan.End))));
    }

    [Theory]
    [InlineData("nameof(patient)", "patient")]
    [InlineData("nameof(Scopes.User)", "User")]
    [InlineData("nameof(global::Scopes.system)", "system")]
    [InlineData("nameof(List<int>)", "List")]
    [InlineData("nameof(@class)", "class")]
    [InlineData("nameof(P\\u0061tient)", "Patient")]
    [InlineData("@nameof(patient)", null)] // a call to a method named nameof
    [InlineData("nameof(a, b)", null)]
    [InlineData("\"patient\"", "patient")]
    [InlineData("\"\"\"\n    user\n    \"\"\"", "user")]
    [InlineData("1", null)]
    [InlineData("null", null)]
    [InlineData("Scopes.Patient", null)]
    [InlineData("\"pat\" + \"ient\"", null)]
    public void A_const_fields_value_is_read_from_a_literal_or_a_nameof_and_else_left_to_binding(string initializer, string? value)
    {
        Assert.Equal(value, ConstantHints.SourceConstFields.WrittenValue(SyntaxFactory.ParseExpression(initializer)));
    }

    [Fact]
    public async Task A_const_field_initialized_with_nameof_carries_its_name_into_a_scope()
    {
        const string names = "static class Names\n{\n    public const string Requested = \"patient/\"; // opens the rule: a scope's start in a string\n    public static int patient, Other2;\n    public const string Context = nameof(patient);\n    public const string Other = nameof(Names.Other2);\n}\n";
        const string use = "class C\n{\n    string S() => Names.Context + \"/Observation.read\";\n    string T() => $\"{Names.Other}/Observation.read\";\n    string U() => $\"{Names.Context}/Patient.read\";\n}\n";

        ImmutableArray<Diagnostic> diagnostics = await CompilationAnalysis.AnalyzeAsync(new SmartScopeAnalyzer(), Compile(("Names.cs", names), ("Use.cs", use)));

        Assert.Equal(
            new[]
            {
                ("Use.cs", SpanOf(use, "Names.Context + \"/Observation.read\""), "SMART 1.0 scope syntax 'patient/Observation.read'; the SMART 2.0 form is 'patient/Observation.rs'"),
                ("Use.cs", SpanOf(use, "$\"{Names.Context}/Patient.read\""), "SMART 1.0 scope syntax 'patient/Patient.read'; the SMART 2.0 form is 'patient/Patient.rs'"),
            },
            Found(diagnostics));
    }

    private static IOrderedEnumerable<(string FilePath, (int Start, int End) Span, string Message)> Found(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Select(d => (d.Location.SourceTree!.FilePath, (d.Location.SourceSpan.Start, d.Location.SourceSpan.End), d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(d => d.FilePath, StringComparer.Ordinal).ThenBy(d => d.Item2.Start);

    private static (int Start, int End) SpanOf(string text, string part)
    {
        int start = text.IndexOf(part, StringComparison.Ordinal);
        Assert.True(start >= 0, part);
        return (start, start + part.Length);
    }

    private static CSharpCompilation Compile(params (string Path, string Source)[] files) => Compile(files, Array.Empty<MetadataReference>());

    private static CSharpCompilation Compile((string Path, string Source)[] files, params MetadataReference[] extra) =>
        CSharpCompilation.Create(
            "Test", files.Select(f => CSharpSyntaxTree.ParseText(f.Source, new CSharpParseOptions(LanguageVersion.Preview), f.Path)),
            TestDefaults.References.Concat(extra), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
