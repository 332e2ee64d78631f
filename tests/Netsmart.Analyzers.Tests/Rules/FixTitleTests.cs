using System.Threading.Tasks;
using Netsmart.Analyzers.CodeFixes.Rules;
using Netsmart.Analyzers.Tests.Verifiers;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// Every fix of every rule, pinned by its title and equivalence key (one by one and Fix-All): the title names what
/// the edit writes, in particular the v2 API a URL moves to.
/// </summary>
public class FixTitleTests
{
    [Fact]
    public async Task NSM001_in_app_code_is_titled_patient_access_and_writes_patient_access()
    {
        const string source = """
            class C
            {
                string Url() => {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient/123"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url() => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient/123"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            new FixAction("Use the v2 Provider Patient Access URL", NetsmartUrlCodeFixProvider.MoveToPatientAccessKey));
        Assert.Equal("NSM001.MoveToV2PatientAccess", NetsmartUrlCodeFixProvider.MoveToPatientAccessKey);
    }

    [Fact]
    public async Task NSM001_in_backend_code_is_titled_system_access_and_writes_system_access()
    {
        const string source = """
            class BackendSync
            {
                const string Scope = "system/Patient.rs";
                string Url() => {|NSM001:{|NSM006:"https://fhir.netsmartcloud.com/uscore/v1/Patient"|}|};
            }
            """;
        const string fixedSource = """
            class BackendSync
            {
                const string Scope = "system/Patient.rs";
                string Url() => {|NSM005:"https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}/Patient"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            new FixAction("Use the v2 Provider System Access URL", NetsmartUrlCodeFixProvider.MoveToSystemAccessInBackendKey));
        Assert.Equal("NSM001.MoveToV2SystemAccess", NetsmartUrlCodeFixProvider.MoveToSystemAccessInBackendKey);
    }

    [Fact]
    public async Task NSM002_is_titled_provider_system_access()
    {
        const string source = """
            class C
            {
                string Url() => {|NSM002:"https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/1/$export"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url() => {|NSM005:"https://fhir.netsmartcloud.com/provider/system-access/v2/{tenant-id}/Group/1/$export"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            new FixAction("Use the v2 Provider System Access URL", "NSM002.MoveToV2SystemAccess"));
    }

    [Fact]
    public async Task NSM003_is_titled_tenant_authorization_server()
    {
        const string source = """
            class SmartClient
            {
                const string Scope = "patient/Patient.rs";
                string Token() => {|NSM003:"https://oauthtest.netsmartcloud.com/token"|};
            }
            """;
        const string fixedSource = """
            class SmartClient
            {
                const string Scope = "patient/Patient.rs";
                string Token() => {|NSM005:"https://fhirtest.netsmartcloud.com/auth/{tenant-id}/oauth2/v1/token"|};
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            new FixAction("Use the tenant's v2 authorization server", "NSM003.MoveToTenantAuthorizationServer"));
    }

    [Fact]
    public async Task NSM004_is_titled_insert_the_tenant_id()
    {
        const string source = """
            class C
            {
                string Url(string tenantId) => {|NSM004:"https://fhir.netsmartcloud.com/provider/patient-access/v2/Patient"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url(string tenantId) => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient";
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            new FixAction("Insert the tenant id", "NSM004.InsertTenant"));
    }

    [Fact]
    public async Task NSM005_is_titled_with_the_expression_it_writes()
    {
        const string source = """
            class C
            {
                string Url(string tenantId) => {|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string Url(string tenantId) => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient";
            }
            """;

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            new FixAction("Replace the placeholder with 'tenantId'", "NSM005.ReplacePlaceholder"));
    }

    [Theory]
    [InlineData("provider", "Provider")]
    [InlineData("payer", "Payer")]
    public async Task NSM006_is_titled_with_the_system_access_api_it_writes(string segment, string display)
    {
        string source = """
            class Export
            {
                string Grant() => "grant_type=client_credentials";
                string Base(string tenantId) => {|NSM006:$"https://fhir.netsmartcloud.com/SEGMENT/patient-access/v2/{tenantId}/Patient"|};
            }
            """.Replace("SEGMENT", segment);
        string fixedSource = """
            class Export
            {
                string Grant() => "grant_type=client_credentials";
                string Base(string tenantId) => $"https://fhir.netsmartcloud.com/SEGMENT/system-access/v2/{tenantId}/Patient";
            }
            """.Replace("SEGMENT", segment);

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource,
            new FixAction("Use the v2 " + display + " System Access URL", "NSM006.MoveToV2SystemAccess"));
    }

    [Fact]
    public async Task NSM010_is_titled_smart_v2_scope_syntax()
    {
        const string source = """
            class C
            {
                string Scopes() => {|NSM010:"patient/Patient.read"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                string Scopes() => "patient/Patient.rs";
            }
            """;

        await VerifyScope.VerifyCodeFixAsync(source, fixedSource,
            new FixAction("Use SMART 2.0 scope syntax", "NSM010.ConvertToSmartV2"));
    }

    [Fact]
    public async Task NSM011_is_titled_normalize_the_permissions()
    {
        const string source = """
            class C
            {
                // Netsmart use in the type: here NSM011 is a warning with a fix (elsewhere information only).
                string Base() => "https://fhir.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                string Scopes() => {|NSM011:"patient/Patient.sr"|};
            }
            """;
        const string fixedSource = """
            class C
            {
                // Netsmart use in the type: here NSM011 is a warning with a fix (elsewhere information only).
                string Base() => "https://fhir.netsmartcloud.com/provider/patient-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                string Scopes() => "patient/Patient.rs";
            }
            """;

        await VerifyScope.VerifyCodeFixAsync(source, fixedSource,
            new FixAction("Normalize the scope permissions", "NSM011.NormalizePermissions"));
    }
}
