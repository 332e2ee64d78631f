using System;
using System.Linq;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Knowledge.Tests.Scopes;

public class ScopeListTests
{
    [Theory]
    [InlineData("launch/patient openid fhirUser patient/Patient.read patient/Observation.read offline_access",
                "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access")]
    [InlineData("patient/Observation.read patient/Observation.write", "patient/Observation.rs patient/Observation.cud")]
    [InlineData("patient/Patient.read patient/Patient.read", "patient/Patient.rs patient/Patient.rs")]
    [InlineData("system/*.read  system/Group.*\n", "system/*.rs  system/Group.cruds\n")]
    [InlineData("  CCD  ", "  CCD  ")]
    [InlineData("", "")]
    [InlineData("patient/Observation.sr launch", "patient/Observation.sr launch")]
    public void ToV2_maps_each_token_in_place(string text, string expected)
    {
        var list = ScopeList.Parse(text);

        Assert.Equal(text, list.Format());
        Assert.Equal(expected, list.ToV2().Format());
        Assert.Equal(expected, SmartScopes.ConvertListV1ToV2(text));
    }

    [Fact]
    public void Parse_keeps_order_and_duplicates()
    {
        var list = ScopeList.Parse("openid patient/Patient.read openid CCD");

        Assert.Equal(new[] { "openid", "patient/Patient.read", "openid", "CCD" }, list.Scopes.Select(s => s.Text));
        Assert.Equal(new[] { ScopeKind.OpenId, ScopeKind.Clinical, ScopeKind.OpenId, ScopeKind.Other }, list.Scopes.Select(s => s.Kind));
    }

    [Theory]
    [InlineData("patient/Patient.read launch", true, false, false, false, false)]
    [InlineData("patient/Patient.rs launch", false, true, false, false, false)]
    [InlineData("patient/Patient.read patient/Observation.rs", true, true, true, false, false)]
    [InlineData("patient/Observation.sr", false, true, false, true, false)]
    [InlineData("system/*.rs", false, true, false, false, true)]
    [InlineData("openid CCD", false, false, false, false, false)]
    public void Flags(string text, bool hasV1, bool hasV2, bool mixed, bool malformed, bool system)
    {
        var list = ScopeList.Parse(text);

        Assert.Equal(hasV1, list.HasV1);
        Assert.Equal(hasV2, list.HasV2);
        Assert.Equal(mixed, list.HasMixedSyntax);
        Assert.Equal(malformed, list.HasMalformed);
        Assert.Equal(system, list.HasSystemScope);
    }

    [Fact]
    public void Normalize_fixes_only_unambiguous_tokens()
    {
        Assert.Equal("patient/Observation.rs patient/Patient.rx user/*.uds", ScopeList.Parse("patient/Observation.sr patient/Patient.rx user/*.dus").Normalize().Format());
    }

    [Fact]
    public void Parse_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => ScopeList.Parse(null!));
    }
}
