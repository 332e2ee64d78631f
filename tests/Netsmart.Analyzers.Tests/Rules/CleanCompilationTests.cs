using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Rules;
using Netsmart.Analyzers.Tests.Verifiers;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// Issue #14: a compilation in which no literal, interpolated text or constant (of its sources, referenced assemblies
/// or referenced projects) passes a rule's cheap text test gets no syntax-node action from that rule. Whatever could
/// make a match — the hint in a literal, spelled with an escape, or in a constant of a referenced assembly — still
/// registers the actions, and is reported as before.
/// </summary>
public class CleanCompilationTests
{
    private const string Clean = """
        class C
        {
            const string Root = "https://example.org/api";
            string Url(string id) => Root + "/items/" + id + $"?q={id}" + "\u0041";
            string Joined(string id) => string.Concat("https://example.org", "/uscore/v1/Patient/", id);
            System.Uri Resolved() => new System.Uri(new System.Uri(Root), "uscore/v1/Patient");
        }
        """;

    [Fact]
    public void A_compilation_that_never_mentions_netsmartcloud_gets_no_url_action()
    {
        Assert.Empty(NodeActionKinds(new NetsmartUrlAnalyzer(), Compile(Clean)));
    }

    [Fact]
    public void A_compilation_without_a_scope_context_gets_no_scope_action()
    {
        Assert.Empty(NodeActionKinds(new SmartScopeAnalyzer(), Compile(Clean)));
    }

    [Theory]
    [InlineData("// Requests patient/Patient.read and user/*.write.\nclass C { }")]                 // a comment
    [InlineData("#region patient/Patient.read\nclass C { }\n#endregion")]                           // a directive
    [InlineData("#if NEVER\nclass C { string S = \"patient/Patient.read\"; }\n#endif")]          // excluded code
    [InlineData("[System.Obsolete(\"user/{id}\")]\nclass C { }")]                                 // a route: '{' starts no resource type
    [InlineData("class C { string P(string d, int id) => $\"{d}/user/{id}.json\" + \"/api/user/\" + id; }")] // after a slash
    [InlineData("class C { string S = \"see user/org\"; }")]                                       // a lower-case letter after the slash
    [InlineData("class C { string Claim() => \"user\"; string S => \"/Observation.read\"; }")]  // a context word in no constant, and a rest
    [InlineData("class C { const string OrgUser = \"orguser\"; const string Blank = \"blank-pw-user\"; string S => OrgUser + \"/Patient.read\"; }")] // no scope starts there
    [InlineData("static class Oidc { public const string UserPresenceTest = \"user\"; }\nclass C { string S = \"/api/\" + \"/\" + \"/Account/Login\"; }")] // a context constant, and no rest of a scope written anywhere
    [InlineData("class C { string S = \"/Observation.read\"; }")]                                  // the rest of a scope, and no context constant
    public void Scope_contexts_no_scope_can_start_at_register_no_scope_action(string source)
    {
        // Shapes from a real codebase that never uses SMART scopes: each used to register the scope rule for the whole
        // compilation (its text held "user/" or "patient/"), and so every literal, interpolated string and '+' was analyzed.
        Assert.Empty(NodeActionKinds(new SmartScopeAnalyzer(), Compile(source)));
    }

    [Fact]
    public void A_file_of_20000_context_words_and_scope_rests_in_no_constant_registers_no_scope_action()
    {
        // Every "user" literal and every "/Observation.read" is a candidate the start check looks up in the tree (a head
        // and a tail, by their text); none is a const's value, so none counts. One file, 40,000 candidates.
        var body = new System.Text.StringBuilder("class C\n{\n    string[] S = {\n");
        for (int i = 0; i < 20_000; i++)
        {
            body.Append("        \"user\", \"/Observation.read\",\n");
        }

        Assert.Empty(NodeActionKinds(new SmartScopeAnalyzer(), Compile(body.Append("    };\n}\n").ToString())));
    }

    [Theory]
    [InlineData("class C { string S = \"patient/\"; }")]                                 // the rest comes from elsewhere
    [InlineData("class C { string S = \"launch system/*.read\"; }")]
    [InlineData("class C { string S(string x) => $\"{x}user/{x}\"; }")]                  // after a run-time part
    [InlineData("class C { string S = \"a=1&scope=user%2FPatient.read\"; }")]
    [InlineData("class C { string S = \"\\u0070atient/Patient.read\"; }")]              // spelled with an escape
    [InlineData("static class Contexts { public const string Patient = \"patient\"; }\nclass C { string S => Contexts.Patient + \"/Observation.read\"; }")] // a const field, and the rest
    [InlineData("static class Contexts { public const string Patient = \"patient\"; }\nclass C { string S(string x) => $\"{x}{Contexts.Patient}/*.read\"; }")] // the rest after a hole
    [InlineData("class C { string S() { const string c = \"openid user\"; return c + @\"%2fPatient.read\"; } }")] // a const local, an encoded slash
    [InlineData("class C { const string S = \"\"\"system\"\"\"; string T = \"\"\"/Group.read\"\"\"; }")] // raw literals
    public void Each_way_a_scope_can_start_in_the_sources_registers_the_scope_actions(string source)
    {
        Assert.Equal(new[] { "StringLiteralExpression", "Utf8StringLiteralExpression", "InterpolatedStringExpression", "AddExpression" }, NodeActionKinds(new SmartScopeAnalyzer(), Compile(source)));
    }

    [Fact]
    public async Task A_scope_joined_from_pieces_is_found_only_where_the_sources_hold_a_scope_start_or_a_context_constant()
    {
        const string pieces = "class C\n{\n    string S()\n    {\n        const string nothing = \"\";\n        return \"pat\" + nothing + \"ient/Observation.read\";\n    }\n}\n";

        // A comment names the scopes: no value can hold one, and the rule does no work.
        Assert.Empty(await CompilationAnalysis.AnalyzeAsync(new SmartScopeAnalyzer(), Compile("// Requests patient/Observation.read\n" + pieces)));

        string withStart = pieces.Replace("class C\n{\n", "class C\n{\n    const string Requested = \"patient/\";\n", StringComparison.Ordinal);
        Diagnostic diagnostic = Assert.Single(await CompilationAnalysis.AnalyzeAsync(new SmartScopeAnalyzer(), Compile(withStart)));
        int start = withStart.IndexOf("\"pat\"", StringComparison.Ordinal);
        int end = withStart.IndexOf(";\n    }", start, StringComparison.Ordinal);
        Assert.Equal(("NSM010", start, end), (diagnostic.Id, diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.End));
    }

    [Fact]
    public async Task A_scope_written_only_url_encoded_still_registers_the_scope_actions_and_is_reported()
    {
        // No "patient/" anywhere in the text: the whole-file test falls back to the slash-by-slash check for "%2F".
        const string source = "class C\n{\n    string Query() => \"response_type=code&scope=patient%2FPatient.read\";\n}\n";
        CSharpCompilation compilation = Compile(source);
        int start = source.IndexOf('"', StringComparison.Ordinal);
        int end = source.LastIndexOf('"') + 1;

        Assert.Equal(new[] { "StringLiteralExpression", "Utf8StringLiteralExpression", "InterpolatedStringExpression", "AddExpression" }, NodeActionKinds(new SmartScopeAnalyzer(), compilation));
        Diagnostic diagnostic = Assert.Single(await CompilationAnalysis.AnalyzeAsync(new SmartScopeAnalyzer(), compilation));
        Assert.Equal("NSM010", diagnostic.Id);
        Assert.Equal((start, end), (diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.End));
    }

    [Fact]
    public void A_netsmartcloud_literal_registers_every_url_action()
    {
        CSharpCompilation compilation = Compile(Clean.Replace("https://example.org/api", "https://fhir.netsmartcloud.com", StringComparison.Ordinal));

        Assert.Equal(
            new[] { "InterpolatedStringExpression", "StringLiteralExpression", "Utf8StringLiteralExpression", "AddExpression", "InvocationExpression", "ObjectCreationExpression" }.OrderBy(k => k),
            NodeActionKinds(new NetsmartUrlAnalyzer(), compilation).OrderBy(k => k));
    }

    [Fact]
    public async Task A_url_spelled_with_an_escape_is_still_reported()
    {
        // "\u006E" is 'n': the source text never reads "netsmartcloud", the literal's value does.
        const string source = "class C\n{\n    string Url() => \"https://fhir.\\u006Eetsmartcloud.com/uscore/v1/Patient\";\n}\n";
        int start = source.IndexOf('"', StringComparison.Ordinal);
        int end = source.LastIndexOf('"') + 1;

        Diagnostic diagnostic = Assert.Single(await CompilationAnalysis.AnalyzeAsync(new NetsmartUrlAnalyzer(), Compile(source)));

        Assert.Equal("NSM001", diagnostic.Id);
        Assert.Equal((start, end), (diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.End));
    }

    [Fact]
    public async Task An_escape_after_escapes_in_a_comment_and_in_another_literal_is_still_read()
    {
        // The start check reads only the tokens that hold a \u, \U or \x escape: one in a comment (trivia) and one in a
        // literal that spells nothing come first; the third spells "netsmartcloud".
        const string source = "// \\u006E in a comment\nclass C\n{\n    string A() => \"\\x41\\U00000042\";\n    string Url() => \"https://fhir.\\u006Eetsmartcloud.com/uscore/v1/Patient\";\n}\n";
        CSharpCompilation compilation = Compile(source);
        int start = source.IndexOf("\"https", StringComparison.Ordinal);
        int end = source.LastIndexOf('"') + 1;

        Assert.Contains("StringLiteralExpression", NodeActionKinds(new NetsmartUrlAnalyzer(), compilation));
        Diagnostic diagnostic = Assert.Single(await CompilationAnalysis.AnalyzeAsync(new NetsmartUrlAnalyzer(), compilation));

        Assert.Equal("NSM001", diagnostic.Id);
        Assert.Equal((start, end), (diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.End));
    }

    [Fact]
    public async Task An_escape_that_spells_nothing_registers_nothing()
    {
        // Escapes alone (here "\u0041", "\x42") no longer count as a possible mention: their values are read.
        CSharpCompilation compilation = Compile("class C\n{\n    string S() => \"\\u0041\\x42/uscore/v1\" + \"/x\";\n}\n");

        Assert.Empty(NodeActionKinds(new NetsmartUrlAnalyzer(), compilation));
        Assert.Empty(await CompilationAnalysis.AnalyzeAsync(new NetsmartUrlAnalyzer(), compilation));
    }

    [Fact]
    public async Task A_netsmart_host_in_a_constant_of_a_referenced_assembly_is_followed()
    {
        MetadataReference library = CompilationAnalysis.Library("""
            namespace Vendor
            {
                public static class Hosts
                {
                    public const string Fhir = "https://fhir.netsmartcloud.com";
                }
            }
            """);
        const string source = "class C\n{\n    string Url(string id) => Vendor.Hosts.Fhir + \"/uscore/v1/Patient/\" + id;\n}\n";
        CSharpCompilation compilation = Compile(source, library);
        int start = source.IndexOf("Vendor.Hosts.Fhir", StringComparison.Ordinal);
        int end = source.IndexOf(" + id", StringComparison.Ordinal);

        Assert.Contains("AddExpression", NodeActionKinds(new NetsmartUrlAnalyzer(), compilation));
        Diagnostic diagnostic = Assert.Single(await CompilationAnalysis.AnalyzeAsync(new NetsmartUrlAnalyzer(), compilation));

        Assert.Equal("NSM001", diagnostic.Id);
        Assert.Equal((start, end), (diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.End));
    }

    [Fact]
    public async Task A_netsmart_host_in_a_referenced_project_is_followed()
    {
        CSharpCompilation project = CSharpCompilation.Create(
            "Vendor", new[] { CSharpSyntaxTree.ParseText("namespace Vendor { public static class Hosts { public const string Fhir = \"https://fhir.netsmartcloud.com\"; } }") },
            TestDefaults.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        const string source = "class C\n{\n    string Url(string id) => Vendor.Hosts.Fhir + \"/uscore/v1/Patient/\" + id;\n}\n";

        Diagnostic diagnostic = Assert.Single(await CompilationAnalysis.AnalyzeAsync(new NetsmartUrlAnalyzer(), Compile(source, project.ToMetadataReference())));

        Assert.Equal("NSM001", diagnostic.Id);
    }

    [Fact]
    public async Task Where_the_sources_mention_netsmartcloud_constants_are_followed_through_a_qualified_name_and_aliases()
    {
        MetadataReference library = CompilationAnalysis.Library("namespace Vendor { public static class Hosts { public const string Fhir = \"https://fhir.netsmartcloud.com\"; } }");
        const string source = """
            using H = Vendor.Hosts;
            using M = Mine;

            static class Mine
            {
                public const string Fhir = "https://fhir.netsmartcloud.com";
            }

            class C
            {
                string A(string id) => Vendor.Hosts.Fhir + "/uscore/v1/Patient/" + id;
                string B(string id) => H.Fhir + "/uscore/v1/Observation/" + id;
                string D(string id) => M.Fhir + "/uscore/v1/Encounter/" + id;
            }
            """;
        string normalized = TestDefaults.Normalize(source);
        (int, int) SpanOf(string text) => (normalized.IndexOf(text, StringComparison.Ordinal), normalized.IndexOf(text, StringComparison.Ordinal) + text.Length);

        ImmutableArray<Diagnostic> diagnostics = await CompilationAnalysis.AnalyzeAsync(new NetsmartUrlAnalyzer(), Compile(normalized, library));

        Assert.Equal(
            new[]
            {
                ("NSM001", SpanOf("Vendor.Hosts.Fhir + \"/uscore/v1/Patient/\"")),
                ("NSM001", SpanOf("H.Fhir + \"/uscore/v1/Observation/\"")),
                ("NSM001", SpanOf("M.Fhir + \"/uscore/v1/Encounter/\"")),
            },
            diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => (d.Id, (d.Location.SourceSpan.Start, d.Location.SourceSpan.End))));
    }

    [Fact]
    public void A_referenced_assembly_whose_constants_lack_the_hint_registers_nothing()
    {
        MetadataReference library = CompilationAnalysis.Library("namespace Vendor { public static class Hosts { public const string Fhir = \"https://example.org\"; } }");

        Assert.Empty(NodeActionKinds(new NetsmartUrlAnalyzer(), Compile("class C { string U() => Vendor.Hosts.Fhir + \"/uscore/v1\"; }", library)));
    }

    private static CSharpCompilation Compile(string source, params MetadataReference[] extra) =>
        CSharpCompilation.Create(
            "Test", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), "/0/Test0.cs") },
            TestDefaults.References.Concat(extra), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>The node kinds the analyzer's compilation-start action registers for <paramref name="compilation"/>.</summary>
    private static List<string> NodeActionKinds(DiagnosticAnalyzer analyzer, Compilation compilation)
    {
        var registration = new CapturingContext();
        analyzer.Initialize(registration);
        var start = new CapturingStartContext(compilation);
        foreach (Action<CompilationStartAnalysisContext> action in registration.StartActions)
        {
            action(start);
        }

        return start.Kinds;
    }

    private sealed class CapturingContext : AnalysisContext
    {
        public List<Action<CompilationStartAnalysisContext>> StartActions { get; } = new();

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => StartActions.Add(action);

        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw new NotSupportedException();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();
    }

    private sealed class CapturingStartContext : CompilationStartAnalysisContext
    {
        public CapturingStartContext(Compilation compilation)
            : base(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), CancellationToken.None)
        {
        }

        public List<string> Kinds { get; } = new();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            Kinds.AddRange(syntaxKinds.Select(k => ((SyntaxKind)(object)k).ToString()));

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw new NotSupportedException();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();
    }
}
