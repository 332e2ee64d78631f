using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Analysis.Host;
using static Netsmart.Migrate.Tests.Host.SideBySide;

namespace Netsmart.Migrate.Tests.Host;

/// <summary>
/// Registration capture as the light host reproduces it (<c>Analysis/Host/AnalyzerRegistrations.cs</c>), side by side
/// with Roslyn's analyzer driver: actions registered in <c>Initialize</c> and in compilation-start actions, analyzers
/// without concurrent execution, diagnostics an analyzer does not declare.
/// </summary>
public sealed class RegistrationSideBySideTests
{
    private const string Source = "class C\n{\n    string a = \"a\";\n    string b = \"b\" + \"c\";\n}\n";

    [Fact]
    public async Task Node_actions_from_Initialize_and_from_compilation_start_run_once_per_node_of_their_kinds()
    {
        string[] found = await AssertSameAsync(Project(("C.cs", Source)), ImmutableArray.Create<DiagnosticAnalyzer>(new StartingAnalyzer()));

        Assert.Equal(
            new[]
            {
                "C.cs(3,16)-(3,19): TST201 Warning",
                "C.cs(4,16)-(4,19): TST201 Warning",
                "C.cs(4,16)-(4,25): TST202 Info",
                "C.cs(4,22)-(4,25): TST201 Warning",
            },
            found);
    }

    [Fact]
    public async Task Differs_a_syntax_kind_listed_twice_in_one_registration_runs_the_action_once_in_the_light_host()
    {
        // The driver runs the action once per listed kind, so twice per node here; the light host takes each kind once.
        // No package analyzer lists a kind twice (the other tests of this class and the tool's host tests compare them).
        Project project = Project(("C.cs", Source));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new TwiceListedAnalyzer());

        Assert.Equal(new[] { "C.cs(4,16)-(4,25): TST205 Info", "C.cs(4,16)-(4,25): TST205 Info" }, await DriverAsync(project, analyzers));
        Assert.Equal(new[] { "C.cs(4,16)-(4,25): TST205 Info" }, await LightAsync(project, analyzers));
    }

    [Fact]
    public async Task A_diagnostic_the_analyzer_does_not_declare_is_an_analyzer_failure_in_both_hosts()
    {
        Project project = Project(("C.cs", Source));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new UndeclaredAnalyzer());

        string[] found = await AssertSameAsync(project, analyzers);

        Assert.Equal(new[] { "(1,1)-(1,1): AD0001 Warning", "(1,1)-(1,1): AD0001 Warning", "(1,1)-(1,1): AD0001 Warning" }, found); // two fields, one +
    }

    [Fact]
    public void The_package_analyzers_register_only_what_the_light_host_runs()
    {
        foreach (DiagnosticAnalyzer analyzer in PackageRules.Analyzers)
        {
            AnalyzerRegistrations registrations = AnalyzerRegistrations.Of(analyzer);

            Assert.Null(registrations.InitializeFailure);
            Assert.True(registrations.Concurrent, analyzer.GetType().Name);
            Assert.Equal(GeneratedCodeAnalysisFlags.None, registrations.GeneratedCode);
            Assert.Same(registrations, AnalyzerRegistrations.Of(analyzer)); // Initialize runs once per instance
        }
    }

#pragma warning disable RS1001, RS1005, RS1025, RS1026, RS1036, RS1038, RS1041, RS2008 // test-only analyzers, never loaded by a compiler
    /// <summary>Not concurrent; literals from Initialize, additions from a compilation-start action.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class StartingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor LiteralRule = new("TST201", "Literal", "Literal", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        private static readonly DiagnosticDescriptor AddRule = new("TST202", "Add", "Add", "Test", DiagnosticSeverity.Info, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(LiteralRule, AddRule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(c => c.ReportDiagnostic(Diagnostic.Create(LiteralRule, c.Node.GetLocation())), SyntaxKind.StringLiteralExpression);
            context.RegisterCompilationStartAction(start =>
                start.RegisterSyntaxNodeAction(c => c.ReportDiagnostic(Diagnostic.Create(AddRule, c.Node.GetLocation())), SyntaxKind.AddExpression));
        }
    }

    /// <summary>Lists the same kind twice in one registration.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class TwiceListedAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TST205", "Add", "Add", "Test", DiagnosticSeverity.Info, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(c => c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation())), SyntaxKind.AddExpression, SyntaxKind.AddExpression);
        }
    }

    /// <summary>Reports an id it does not list in SupportedDiagnostics.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class UndeclaredAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Declared = new("TST203", "Declared", "Declared", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        private static readonly DiagnosticDescriptor Undeclared = new("TST204", "Undeclared", "Undeclared", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Declared);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(c => c.ReportDiagnostic(Diagnostic.Create(Undeclared, c.Node.GetLocation())), SyntaxKind.AddExpression, SyntaxKind.FieldDeclaration);
        }
    }
#pragma warning restore RS1001, RS1005, RS1025, RS1026, RS1036, RS1038, RS1041, RS2008
}
