using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>Where the fixes take the tenant from: the option, a symbol in scope, or the placeholder.</summary>
public class TenantExpressionTests
{
    [Fact]
    public async Task A_top_level_local_of_another_file_is_not_used()
    {
        // Top-level locals are in scope in every file but usable only in their own (CS8801), and positions of two
        // files do not compare. Client.cs names a tenantId elsewhere, so the name is looked up there.
        const string program = """
            string tenantId = args.Length > 0 ? args[0] : "";
            System.Console.WriteLine(new Client().Url() + tenantId);
            """;
        const string client = """
            // The literal sits at a later position than the declaration in Program.cs.
            class Client
            {
                public string Other(string tenantId) => tenantId;
                public string Url() => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient"|};
            }
            """;
        const string fixedClient = """
            // The literal sits at a later position than the declaration in Program.cs.
            class Client
            {
                public string Other(string tenantId) => tenantId;
                public string Url() => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"|};
            }
            """;

        var test = new VerifyUrl.Test();
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.Sources.Add(("/0/Program.cs", program));
        test.TestState.Sources.Add(("/0/Client.cs", client));
        test.FixedState.Sources.Add(("/0/Program.cs", program));
        test.FixedState.Sources.Add(("/0/Client.cs", fixedClient));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_editorconfig_option_wins_over_symbols_in_scope()
    {
        const string source = """
            class C
            {
                string Url(string tenantId) => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient"|};
            }

            class CareConnectOptions
            {
                public static CareConnectOptions Current { get; } = new();
                public System.Guid TenantId { get; set; }
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url(string tenantId) => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{CareConnectOptions.Current.TenantId}/Patient";
            }

            class CareConnectOptions
            {
                public static CareConnectOptions Current { get; } = new();
                public System.Guid TenantId { get; set; }
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            "[*.cs]\nnetsmart.tenant_id_expression = CareConnectOptions.Current.TenantId\n");
    }

    [Fact]
    public async Task An_option_that_is_not_an_expression_is_ignored()
    {
        const string source = """
            class C
            {
                string Url() => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url() => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource, "[*.cs]\nnetsmart.tenant_id_expression = this is not ) an expression\n");
    }

    [Fact]
    public async Task A_local_parameter_field_or_property_named_like_a_tenant_id_is_used()
    {
        const string source = """
            using System;

            class C
            {
                private readonly Guid _tenantId = Guid.NewGuid();
                public string TenantId { get; } = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";

                string FromField() => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};

                string FromParameter(string tenant_id) => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};

                string FromLocal()
                {
                    var tenantId = Environment.GetEnvironmentVariable("TENANT") ?? "";
                    return {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};
                }
            }
            """;
        const string fixedSource = """
            using System;

            class C
            {
                private readonly Guid _tenantId = Guid.NewGuid();
                public string TenantId { get; } = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";

                string FromField() => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{_tenantId}";

                string FromParameter(string tenant_id) => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant_id}";

                string FromLocal()
                {
                    var tenantId = Environment.GetEnvironmentVariable("TENANT") ?? "";
                    return $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}";
                }
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task An_instance_member_is_not_used_from_a_static_context_or_a_field_initializer()
    {
        const string source = """
            class C
            {
                private readonly string _tenantId = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                private readonly string _url = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};

                static string FromStatic() => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};

                string FromStaticLambda() => ((System.Func<string>)(static () => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|}))();
            }
            """;
        const string fixedSource = """
            class C
            {
                private readonly string _tenantId = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                private readonly string _url = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"|};

                static string FromStatic() => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"|};

                string FromStaticLambda() => ((System.Func<string>)(static () => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"|}))();
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task A_static_member_is_used_from_a_static_context_and_a_local_declared_later_is_not()
    {
        const string source = """
            static class Settings
            {
                public static string TenantId { get; set; } = "";

                public static string Base() => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};

                public static string Later()
                {
                    var url = {|NSM002:"https://fhir.netsmartcloud.com/uscore/v1/bulk-data"|};
                    var tenantId = 1;
                    return url + tenantId;
                }
            }
            """;
        const string fixedSource = """
            static class Settings
            {
                public static string TenantId { get; set; } = "";

                public static string Base() => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{TenantId}";

                public static string Later()
                {
                    var url = $"https://fhir.netsmartcloud.com/provider/system-access/v2/{TenantId}";
                    var tenantId = 1;
                    return url + tenantId;
                }
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Constant_contexts_keep_the_placeholder_so_the_code_still_compiles()
    {
        const string source = """
            using System;

            [AttributeUsage(AttributeTargets.All)]
            sealed class EndpointAttribute : Attribute
            {
                public EndpointAttribute(string url) { }
            }

            class C
            {
                const string TenantId = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                const string Base = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};

                [Endpoint({|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient"|})]
                string M(string url, string tenantId = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|})
                {
                    const string local = {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Observation"|};
                    switch (url)
                    {
                        case {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/metadata"|}:
                            return local;
                    }

                    return url is {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/x"|} ? tenantId : Base;
                }
            }
            """;
        const string fixedSource = """
            using System;

            [AttributeUsage(AttributeTargets.All)]
            sealed class EndpointAttribute : Attribute
            {
                public EndpointAttribute(string url) { }
            }

            class C
            {
                const string TenantId = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                const string Base = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"|};

                [Endpoint({|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"|})]
                string M(string url, string tenantId = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}"|})
                {
                    const string local = {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Observation"|};
                    switch (url)
                    {
                        case {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/metadata"|}:
                            return local;
                    }

                    return url is {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/x"|} ? tenantId : Base;
                }
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task The_msbuild_property_is_used_when_editorconfig_says_nothing()
    {
        var test = new VerifyUrl.Test
        {
            TestCode = """
                class C
                {
                    string Url() => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1"|};
                }

                static class Tenant { public static string Id => ""; }
                """,
            FixedCode = """
                class C
                {
                    string Url() => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{Tenant.Id}";
                }

                static class Tenant { public static string Id => ""; }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.NetsmartTenantIdExpression = Tenant.Id\n"));

        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_rewrites_every_document_of_the_solution()
    {
        var test = new VerifyUrl.Test();
        test.TestState.Sources.Add(("/0/A.cs", "class A\n{\n    string U(string tenantId) => {|NSM001:\"https://fhir.netsmartcloud.com/uscore/v1\"|};\n}\n"));
        test.TestState.Sources.Add(("/0/B.cs", "class B\n{\n    string U() => {|NSM002:\"https://fhir.netsmartcloud.com/uscore/v1/bulk-data\"|};\n    string V() => {|NSM002:@\"https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group\"|};\n}\n"));
        test.FixedState.Sources.Add(("/0/A.cs", "class A\n{\n    string U(string tenantId) => $\"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}\";\n}\n"));
        test.FixedState.Sources.Add(("/0/B.cs", "class B\n{\n    string U() => {|NSM005:\"https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}\"|};\n    string V() => {|NSM005:@\"https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}/Group\"|};\n}\n"));

        await test.RunAsync();
    }
}
