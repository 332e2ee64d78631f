using System;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Knowledge.Tests.Scopes;

public class ScopePermissionsTests
{
    [Theory]
    [InlineData("read", "rs")]
    [InlineData("write", "cud")]
    [InlineData("*", "cruds")]
    [InlineData("rs", null)]
    [InlineData("Read", null)]
    [InlineData("", null)]
    [InlineData("cruds", null)]
    public void MapV1ToV2_uses_the_official_mapping_only(string permissions, string? expected)
    {
        Assert.Equal(expected, ScopePermissions.MapV1ToV2(permissions));
        Assert.Equal(expected != null, ScopePermissions.IsV1(permissions));
    }

    [Theory]
    [InlineData("c", "None")]
    [InlineData("r", "None")]
    [InlineData("rs", "None")]
    [InlineData("cud", "None")]
    [InlineData("cruds", "None")]
    [InlineData("cds", "None")]
    [InlineData("", "Empty")]
    [InlineData("sr", "OutOfOrder")]
    [InlineData("dus", "OutOfOrder")]
    [InlineData("scrud", "OutOfOrder")]
    [InlineData("rrs", "RepeatedLetters")]
    [InlineData("rss", "RepeatedLetters")]
    [InlineData("rsr", "RepeatedLetters")]
    [InlineData("srs", "RepeatedLetters, OutOfOrder")]
    [InlineData("rx", "UnknownLetters")]
    [InlineData("RS", "UnknownLetters")]
    [InlineData("read", "UnknownLetters")]
    [InlineData("*", "UnknownLetters")]
    [InlineData("xsrr", "UnknownLetters, RepeatedLetters, OutOfOrder")]
    public void Validate_reports_every_problem_kind(string permissions, string expectedProblems)
    {
        var expected = Enum.Parse<PermissionProblems>(expectedProblems);

        Assert.Equal(expected, ScopePermissions.Validate(permissions));
        Assert.Equal(expected == PermissionProblems.None, ScopePermissions.IsValidV2(permissions));
    }

    [Theory]
    [InlineData("rs", true, "rs")]
    [InlineData("sr", true, "rs")]
    [InlineData("rrs", true, "rs")]
    [InlineData("srs", true, "rs")]
    [InlineData("dus", true, "uds")]
    [InlineData("sdurc", true, "cruds")]
    [InlineData("ss", true, "s")]
    [InlineData("rx", false, "rx")]
    [InlineData("RS", false, "RS")]
    [InlineData("", false, "")]
    [InlineData("read", false, "read")]
    public void TryNormalize_reorders_and_dedupes_only_when_unambiguous(string permissions, bool expectedOk, string expected)
    {
        bool ok = ScopePermissions.TryNormalize(permissions, out string normalized);

        Assert.Equal(expectedOk, ok);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("rs", "")]
    [InlineData("", "no permission letters")]
    [InlineData("sr", "letters out of order (expected order c, r, u, d, s)")]
    [InlineData("rrss", "repeated letter(s) 'r', 's'")]
    [InlineData("rxyx", "unknown letter(s) 'x', 'y'")]
    [InlineData("srx", "letters out of order (expected order c, r, u, d, s); unknown letter(s) 'x'")]
    public void Explain_says_why(string permissions, string expected)
    {
        Assert.Equal(expected, ScopePermissions.Explain(permissions));
    }

    [Theory]
    [InlineData("None", "valid")]
    [InlineData("Empty", "empty")]
    [InlineData("OutOfOrder, RepeatedLetters", "out of order, repeated letter(s)")]
    [InlineData("UnknownLetters", "unknown letter(s)")]
    public void Describe_names_the_flags(string flags, string expected)
    {
        var problems = Enum.Parse<PermissionProblems>(flags);

        Assert.Equal(expected, ScopePermissions.Describe(problems));
    }
}
