using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Netsmart.Analyzers.Tests.Rules;

public class NSM011Tests
{
    private const string NoNetsmartUse = "; no Netsmart use was found in this type, file or project, so this is information only";

    [Fact]
    public async Task Malformed_permissions_are_reported_with_the_reason_and_normalised_when_unambiguous()
    {
        const string source = """
            class C
            {
                const string Fhir = "https://fhir.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                string A() => {|#0:"patient/Patient.sr patient/Observation.rrs"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                const string Fhir = "https://fhir.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                string A() => "patient/Patient.rs patient/Observation.rs";
            }
            """;

        await VerifyScope.VerifyCodeFixAsync(source, fixedSource,
            VerifyScope.Diagnostic("NSM011").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments(
                "'patient/Patient.sr' (letters out of order (expected order c, r, u, d, s); use 'patient/Patient.rs'), " +
                "'patient/Observation.rrs' (repeated letter(s) 'r'; use 'patient/Observation.rs')",
                ""));
    }

    [Fact]
    public async Task Unknown_letters_are_reported_without_a_fix()
    {
        const string source = """
            class C
            {
                string Token() => "https://fhir.netsmartcloud.com/auth/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6/oauth2/v1/token";
                string A() => {|#0:"patient/Patient.rx"|};
            }
            """;

        await VerifyScope.VerifyCodeFixAsync(source, source,
            VerifyScope.Diagnostic("NSM011").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments("'patient/Patient.rx' (unknown letter(s) 'x')", ""));
    }

    [Fact]
    public async Task Code_that_shows_no_netsmart_use_gets_information_without_a_fix_and_is_told_why()
    {
        // The shape of a FHIR server's own middleware tests: deliberately invalid scopes, nothing about Netsmart.
        const string source = """
            class SmartClinicalScopesMiddlewareTests
            {
                static readonly string[] Invalid =
                {
                    {|#0:"patient/Observation.rsXYZ"|},
                    {|#1:"user/Patient.crudss"|},
                };
                string Url() => "https://fhir.example.org/r4/Patient";
            }
            """;

        await VerifyScope.VerifyCodeFixAsync(source, source,
            VerifyScope.Diagnostic("NSM011").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
                "'patient/Observation.rsXYZ' (unknown letter(s) 'X', 'Y', 'Z')", NoNetsmartUse),
            VerifyScope.Diagnostic("NSM011").WithLocation(1).WithSeverity(DiagnosticSeverity.Info).WithArguments(
                "'user/Patient.crudss' (repeated letter(s) 's'; use 'user/Patient.cruds')", NoNetsmartUse));
    }

    [Fact]
    public async Task A_netsmart_url_elsewhere_in_the_file_is_context_enough()
    {
        const string source = """
            class Scopes
            {
                public const string Requested = {|#0:"openid patient/Patient.sr"|};
            }

            class Endpoints
            {
                public const string Token = "https://oauth.netsmartcloud.com/token";
            }
            """;
        const string fixedSource = """
            class Scopes
            {
                public const string Requested = "openid patient/Patient.rs";
            }

            class Endpoints
            {
                public const string Token = "https://oauth.netsmartcloud.com/token";
            }
            """;

        await VerifyScope.VerifyCodeFixAsync(source, fixedSource,
            VerifyScope.Diagnostic("NSM011").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments(
                "'patient/Patient.sr' (letters out of order (expected order c, r, u, d, s); use 'patient/Patient.rs')", ""));
    }

    [Fact]
    public async Task A_netsmart_url_in_another_file_is_not_context()
    {
        var test = new VerifyScope.AnalyzerTest();
        test.TestState.Sources.Add(("/0/Scopes.cs", "class Scopes { const string S = {|#0:\"patient/Patient.sr\"|}; }"));
        test.TestState.Sources.Add(("/0/Endpoints.cs", "class Endpoints { const string T = \"https://oauth.netsmartcloud.com/token\"; }"));
        test.ExpectedDiagnostics.Add(VerifyScope.Diagnostic("NSM011").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
            "'patient/Patient.sr' (letters out of order (expected order c, r, u, d, s); use 'patient/Patient.rs')", NoNetsmartUse));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("[*.cs]\nnetsmart.tenant_id_expression = Settings.TenantId\n", null)]
    [InlineData(null, "is_global = true\nbuild_property.NetsmartTenantIdExpression = Settings.TenantId\n")]
    [InlineData(null, "is_global = true\nnetsmart.tenant_id_expression = Settings.TenantId\n")]
    public async Task The_tenant_option_makes_it_a_warning(string? editorConfig, string? globalConfig)
    {
        var test = new VerifyScope.AnalyzerTest(editorConfig) { TestCode = "class C { string S() => {|#0:\"patient/Patient.sr\"|}; }" };
        if (globalConfig != null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", globalConfig));
        }

        test.ExpectedDiagnostics.Add(VerifyScope.Diagnostic("NSM011").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments(
            "'patient/Patient.sr' (letters out of order (expected order c, r, u, d, s); use 'patient/Patient.rs')", ""));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("Netsmart.CareConnect", DiagnosticSeverity.Warning)]
    [InlineData("Netsmart.CareConnect.Extras", DiagnosticSeverity.Info)]
    public async Task A_reference_to_the_runtime_library_makes_it_a_warning(string assemblyName, DiagnosticSeverity expected)
    {
        var test = new VerifyScope.AnalyzerTest { TestCode = "class C { string S() => {|#0:\"patient/Patient.sr\"|}; }" };
        test.TestState.AdditionalReferences.Add(LibraryNamed(assemblyName));
        test.ExpectedDiagnostics.Add(VerifyScope.Diagnostic("NSM011").WithLocation(0).WithSeverity(expected).WithArguments(
            "'patient/Patient.sr' (letters out of order (expected order c, r, u, d, s); use 'patient/Patient.rs')",
            expected == DiagnosticSeverity.Warning ? "" : NoNetsmartUse));
        await test.RunAsync();
    }

    /// <summary>A one-type library with the given assembly name, as a metadata reference.</summary>
    internal static MetadataReference LibraryNamed(string assemblyName)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText("namespace Lib { public sealed class Marker { } }") },
            Verifiers.TestDefaults.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new System.IO.MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
