namespace Netsmart.CareConnect.Tests.Unit;

public class SmartScopeTests
{
    [Theory]
    [InlineData("patient/Patient.read", "patient/Patient.rs")]
    [InlineData("patient/Observation.write", "patient/Observation.cud")]
    [InlineData("patient/Observation.*", "patient/Observation.cruds")]
    [InlineData("user/*.read", "user/*.rs")]
    [InlineData("system/Patient.read", "system/Patient.rs")]
    [InlineData("system/*.*", "system/*.cruds")]
    [InlineData("patient/Observation.read?category=laboratory", "patient/Observation.rs?category=laboratory")]
    [InlineData("patient/Patient.rs", "patient/Patient.rs")]
    [InlineData("launch/patient", "launch/patient")]
    [InlineData("openid", "openid")]
    [InlineData("fhirUser", "fhirUser")]
    [InlineData("offline_access", "offline_access")]
    [InlineData("CCD", "CCD")]
    public void Official_v1_to_v2_mapping(string v1, string v2)
    {
        var scope = SmartScope.Parse(v1);
        Assert.Equal(v2, scope.ToV2().ToString());
        Assert.Equal(v2, scope.ToV2().ToV2().Text);
    }

    [Theory]
    [InlineData("patient/Observation.rs", SmartScopeKind.Clinical, SmartScopeContext.Patient, "Observation", "rs", SmartScopeSyntax.V2)]
    [InlineData("user/Practitioner.read", SmartScopeKind.Clinical, SmartScopeContext.User, "Practitioner", "read", SmartScopeSyntax.V1)]
    [InlineData("system/*.cruds", SmartScopeKind.Clinical, SmartScopeContext.System, "*", "cruds", SmartScopeSyntax.V2)]
    [InlineData("launch", SmartScopeKind.Launch, SmartScopeContext.None, null, null, SmartScopeSyntax.None)]
    [InlineData("launch/encounter", SmartScopeKind.LaunchContext, SmartScopeContext.None, null, null, SmartScopeSyntax.None)]
    [InlineData("openid", SmartScopeKind.OpenId, SmartScopeContext.None, null, null, SmartScopeSyntax.None)]
    [InlineData("fhirUser", SmartScopeKind.FhirUser, SmartScopeContext.None, null, null, SmartScopeSyntax.None)]
    [InlineData("profile", SmartScopeKind.Profile, SmartScopeContext.None, null, null, SmartScopeSyntax.None)]
    [InlineData("offline_access", SmartScopeKind.OfflineAccess, SmartScopeContext.None, null, null, SmartScopeSyntax.None)]
    [InlineData("online_access", SmartScopeKind.OnlineAccess, SmartScopeContext.None, null, null, SmartScopeSyntax.None)]
    [InlineData("__custom", SmartScopeKind.Extension, SmartScopeContext.None, null, null, SmartScopeSyntax.None)]
    [InlineData("CCD", SmartScopeKind.Other, SmartScopeContext.None, null, null, SmartScopeSyntax.None)]
    public void Scope_table(string text, SmartScopeKind kind, SmartScopeContext context, string? resource, string? permissions, SmartScopeSyntax syntax)
    {
        var scope = SmartScope.Parse(text);
        Assert.Equal(kind, scope.Kind);
        Assert.Equal(context, scope.Context);
        Assert.Equal(resource, scope.ResourceType);
        Assert.Equal(permissions, scope.Permissions);
        Assert.Equal(syntax, scope.Syntax);
        Assert.Equal(context == SmartScopeContext.System, scope.IsSystemScope);
        Assert.Equal(text, scope.Text);
        Assert.True(scope.IsWellFormed);
        Assert.Null(scope.Problem);
    }

    [Theory]
    [InlineData("patient/Observation.sr", "rs")]
    [InlineData("patient/Observation.dus", "uds")]
    [InlineData("patient/Observation.rrs", "rs")]
    public void Malformed_v2_permissions_are_reported_and_normalized(string text, string normalized)
    {
        var scope = SmartScope.Parse(text);
        Assert.False(scope.IsWellFormed);
        Assert.False(string.IsNullOrEmpty(scope.Problem));
        Assert.True(scope.TryNormalize(out var fixedScope));
        Assert.Equal(normalized, fixedScope!.Permissions);
    }

    [Fact]
    public void Unknown_letters_cannot_be_normalized()
    {
        var scope = SmartScope.Parse("patient/Observation.rx");
        Assert.False(scope.IsWellFormed);
        Assert.Contains("unknown letter", scope.Problem, StringComparison.Ordinal);
        Assert.False(scope.TryNormalize(out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("openid profile")]
    [InlineData(" openid")]
    [InlineData("openid\n")]
    [InlineData("patient/Patient.read\u0000")]
    public void Parse_takes_exactly_one_token(string text)
    {
        Assert.Throws<FormatException>(() => SmartScope.Parse(text));
        Assert.False(SmartScope.TryParse(text, out _));
    }

    [Fact]
    public void Scopes_are_equal_by_text()
    {
        Assert.Equal(SmartScope.Parse("patient/Patient.read").ToV2(), SmartScope.Parse("patient/Patient.rs"));
        Assert.NotEqual(SmartScope.Parse("patient/Patient.rs"), SmartScope.Parse("patient/Patient.r"));
        Assert.Throws<ArgumentNullException>(() => SmartScope.Parse(null!));
    }

    [Fact]
    public void A_list_converts_to_v2_keeping_order_duplicates_and_separators()
    {
        var list = SmartScopeList.Parse("launch/patient openid  fhirUser offline_access patient/Patient.read patient/Observation.read patient/Observation.write CCD");

        Assert.Equal(8, list.Count);
        Assert.True(list.HasV1);
        Assert.False(list.HasV2);
        Assert.Equal("launch/patient openid  fhirUser offline_access patient/Patient.rs patient/Observation.rs patient/Observation.cud CCD", list.ToV2().ToString());
        Assert.Equal(new[] { "launch/patient", "openid", "fhirUser", "offline_access", "patient/Patient.read", "patient/Observation.read", "patient/Observation.write", "CCD" }, list.Select(s => s.Text));
        Assert.Empty(list.GetProblems());
        Assert.False(list.HasSystemScope);
        Assert.True(SmartScopeList.Parse("system/Patient.rs").HasSystemScope);
    }

    [Fact]
    public void Problems_list_malformed_and_mixed_scopes()
    {
        var list = SmartScopeList.Parse("patient/Patient.read patient/Observation.sr");

        Assert.True(list.HasMixedSyntax);
        Assert.True(list.HasMalformed);
        Assert.Equal(
            new[]
            {
                "patient/Observation.sr: letters out of order (expected order c, r, u, d, s)",
                "v1 (read/write/*) and v2 (cruds) permissions are mixed in one request.",
            },
            list.GetProblems());
        Assert.Equal("patient/Patient.read patient/Observation.rs", list.Normalize().ToString());
        Assert.Equal("patient/Patient.rs patient/Observation.rs", list.Normalize().ToV2().ToString());
    }

    [Fact]
    public void The_docs_example_holds()
    {
        Assert.Equal(
            "launch/patient openid patient/Patient.rs patient/Observation.cruds",
            SmartScopeList.Parse("launch/patient openid patient/Patient.read patient/Observation.*").ToV2().ToString());
    }

    [Fact]
    public void The_guide_step_4_scope_string_is_v2_already()
    {
        var list = SmartScopeList.Parse("launch/patient openid fhirUser offline_access patient/Patient.rs");
        Assert.Equal(list.ToString(), list.ToV2().ToString());
        Assert.False(list.HasV1);
        Assert.True(list.HasV2);
    }
}
