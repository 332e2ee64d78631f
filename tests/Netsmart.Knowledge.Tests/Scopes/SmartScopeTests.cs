using System;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Knowledge.Tests.Scopes;

public class SmartScopeTests
{
    [Theory]
    [InlineData("patient/Patient.read", "Patient", "Patient", "read", null, "V1", "None", 16)]
    [InlineData("user/*.write", "User", "*", "write", null, "V1", "None", 7)]
    [InlineData("system/*.*", "System", "*", "*", null, "V1", "None", 9)]
    [InlineData("patient/Observation.rs", "Patient", "Observation", "rs", null, "V2", "None", 20)]
    [InlineData("system/Group.cruds", "System", "Group", "cruds", null, "V2", "None", 13)]
    [InlineData("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory", "Patient", "Observation", "rs", "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory", "V2", "None", 20)]
    [InlineData("user/Observation.dus", "User", "Observation", "dus", null, "V2", "OutOfOrder", 17)]
    [InlineData("patient/Observation.rrs", "Patient", "Observation", "rrs", null, "V2", "RepeatedLetters", 20)]
    [InlineData("patient/Observation.rx", "Patient", "Observation", "rx", null, "V2", "UnknownLetters", 20)]
    [InlineData("patient/Observation.", "Patient", "Observation", "", null, "V2", "Empty", 20)]
    [InlineData("patient/Foo.read", "Patient", "Foo", "read", null, "V1", "None", 12)]
    public void Parse_clinical_scopes(string text, string contextName, string resource, string permissions, string? query, string syntaxName, string problemNames, int permissionsStart)
    {
        var context = Enum.Parse<ScopeContext>(contextName);
        var syntax = Enum.Parse<ScopeSyntax>(syntaxName);
        var problems = Enum.Parse<PermissionProblems>(problemNames);

        var scope = SmartScope.Parse(text);

        Assert.Equal(ScopeKind.Clinical, scope.Kind);
        Assert.True(scope.IsClinical);
        Assert.Equal(context, scope.Context);
        Assert.Equal(resource, scope.ResourceType);
        Assert.Equal(permissions, scope.Permissions);
        Assert.Equal(query, scope.Query);
        Assert.Equal(syntax, scope.Syntax);
        Assert.Equal(problems, scope.Problems);
        Assert.Equal(problems == PermissionProblems.None, scope.IsWellFormed);
        Assert.Equal(permissionsStart, scope.PermissionsStart);
        Assert.Equal(context == ScopeContext.System, scope.IsSystemScope);
        Assert.Equal(text, scope.Format());
    }

    [Theory]
    [InlineData("launch", "Launch", null)]
    [InlineData("launch/patient", "LaunchContext", "patient")]
    [InlineData("launch/encounter", "LaunchContext", "encounter")]
    [InlineData("launch/diagnosticreport", "LaunchContext", "diagnosticreport")]
    [InlineData("openid", "OpenId", null)]
    [InlineData("fhirUser", "FhirUser", null)]
    [InlineData("profile", "Profile", null)]
    [InlineData("offline_access", "OfflineAccess", null)]
    [InlineData("online_access", "OnlineAccess", null)]
    [InlineData("__my_extension", "Extension", null)]
    [InlineData("https://example.org/scopes/special", "Extension", null)]
    [InlineData("urn:example:scope", "Extension", null)]
    [InlineData("CCD", "Other", null)]
    [InlineData("", "Other", null)]
    [InlineData("launch/", "Other", null)]
    [InlineData("launch/Patient", "Other", null)]
    [InlineData("Launch", "Other", null)]
    [InlineData("OpenId", "Other", null)]
    [InlineData("fhiruser", "Other", null)]
    [InlineData("_x", "Other", null)]
    [InlineData("__", "Other", null)]
    [InlineData(":x", "Other", null)]
    [InlineData("patient/Patient.read.json", "Other", null)]
    [InlineData("exports/patient/Patient.read", "Other", null)]
    [InlineData("patient%2FPatient.read", "Other", null)]
    [InlineData("Patient/Patient.read", "Other", null)]
    [InlineData("patient/Patient.read?", "Other", null)]
    [InlineData("patient/Patient.r s", "Other", null)]
    public void Parse_non_clinical_scopes(string text, string kindName, string? launchContext)
    {
        var kind = Enum.Parse<ScopeKind>(kindName);

        var scope = SmartScope.Parse(text);

        Assert.Equal(kind, scope.Kind);
        Assert.Equal(launchContext, scope.LaunchContextType);
        Assert.Equal(ScopeContext.None, scope.Context);
        Assert.Equal(ScopeSyntax.None, scope.Syntax);
        Assert.Null(scope.Permissions);
        Assert.Equal(-1, scope.PermissionsStart);
        Assert.Equal(text, scope.Format());
        Assert.Same(scope, scope.ToV2());
        Assert.False(scope.TryNormalize(out _));
    }

    [Fact]
    public void Parse_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => SmartScope.Parse(null!));
    }

    [Theory]
    [InlineData("patient/Patient.read", true, "patient/Patient.rs")]
    [InlineData("patient/Patient.write", true, "patient/Patient.cud")]
    [InlineData("user/*.*", true, "user/*.cruds")]
    [InlineData("system/Observation.read?category=laboratory", true, "system/Observation.rs?category=laboratory")]
    [InlineData("patient/Patient.rs", false, "patient/Patient.rs")]
    [InlineData("patient/Patient.sr", false, "patient/Patient.sr")]
    [InlineData("launch/patient", false, "launch/patient")]
    [InlineData("openid", false, "openid")]
    [InlineData("CCD", false, "CCD")]
    [InlineData(null, false, "")]
    public void TryConvertV1ToV2_converts_only_v1_clinical_scopes(string? scope, bool expected, string expectedV2)
    {
        Assert.Equal(expected, SmartScopes.TryConvertV1ToV2(scope, out string v2));
        Assert.Equal(expectedV2, v2);
        if (scope != null)
        {
            Assert.Equal(expectedV2, SmartScopes.ConvertV1ToV2(scope));
        }
    }

    [Theory]
    [InlineData("system/*.read", true)]
    [InlineData("system/Patient.rs", true)]
    [InlineData("patient/Patient.read", false)]
    [InlineData("user/*.*", false)]
    [InlineData("system", false)]
    [InlineData("launch/system", false)]
    [InlineData(null, false)]
    public void IsSystemScope_checks_the_context(string? scope, bool expected)
    {
        Assert.Equal(expected, SmartScopes.IsSystemScope(scope));
    }

    [Theory]
    [InlineData("patient/Observation.sr", true, "patient/Observation.rs")]
    [InlineData("patient/Observation.rs?category=laboratory", true, "patient/Observation.rs?category=laboratory")]
    [InlineData("patient/Observation.ssr?category=laboratory", true, "patient/Observation.rs?category=laboratory")]
    [InlineData("patient/Observation.rx", false, "patient/Observation.rx")]
    [InlineData("patient/Observation.", false, "patient/Observation.")]
    [InlineData("patient/Observation.read", false, "patient/Observation.read")]
    public void TryNormalize_fixes_unambiguous_v2_scopes(string text, bool expectedOk, string expected)
    {
        var scope = SmartScope.Parse(text);

        Assert.Equal(expectedOk, scope.TryNormalize(out var normalized));
        Assert.Equal(expected, normalized.Format());
        Assert.Equal(expected, normalized.Text);
    }

    [Fact]
    public void WithPermissions_keeps_the_query_and_recomputes_the_offsets()
    {
        var scope = SmartScope.Parse("user/Observation.read?code=1234-5").WithPermissions("sr");

        Assert.Equal("user/Observation.sr?code=1234-5", scope.Text);
        Assert.Equal(17, scope.PermissionsStart);
        Assert.Equal(ScopeSyntax.V2, scope.Syntax);
        Assert.Equal(PermissionProblems.OutOfOrder, scope.Problems);
        Assert.Throws<InvalidOperationException>(() => SmartScope.Parse("openid").WithPermissions("rs"));
    }

    [Theory]
    [InlineData("Observation", true)]
    [InlineData("*", true)]
    [InlineData("Foo", false)]
    public void IsKnownResourceType_uses_the_FHIR_R4_list(string resource, bool expected)
    {
        Assert.Equal(expected, SmartScope.Parse("patient/" + resource + ".rs").IsKnownResourceType);
        Assert.Equal(146, FhirResourceTypes.Count);
    }
}
