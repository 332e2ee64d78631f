using System.Threading.Tasks;
using static Netsmart.Migrate.Tests.Host.SideBySide;

namespace Netsmart.Migrate.Tests.Host;

/// <summary>
/// <c>#pragma warning disable/restore</c> as the light host reproduces it (<c>Analysis/Host/PragmaWarningStates.cs</c>),
/// side by side with Roslyn's analyzer driver.
/// </summary>
public sealed class PragmaSideBySideTests
{
    [Fact]
    public async Task Disable_and_restore_of_one_id_hide_only_that_id_between_them()
    {
        string[] found = await AssertSameAsync(Project(("P.cs", $$"""
            public static class P
            {
                public const string A = "{{V1}}";
            #pragma warning disable NSM001
                public const string B = "{{V1}}/Patient";
                public const string C = "{{Bulk}}";
            #pragma warning restore NSM001
                public const string D = "{{V1}}/Observation";
            }
            """)));

        Assert.Equal(
            new[]
            {
                "P.cs(3,29)-(3,71): NSM001 Warning",
                "P.cs(6,29)-(6,81): NSM002 Warning",
                "P.cs(8,29)-(8,83): NSM001 Warning",
            },
            found);
    }

    [Fact]
    public async Task Nested_general_and_specific_directives_follow_the_last_one_before_the_finding()
    {
        // disable NSM001, then disable all, then restore NSM001 (others stay off), then restore all.
        string[] found = await AssertSameAsync(Project(("P.cs", $$"""
            public static class P
            {
            #pragma warning disable NSM001
                public const string A = "{{V1}}/A";
            #pragma warning disable
                public const string B = "{{Bulk}}/B";
            #pragma warning restore NSM001
                public const string C = "{{V1}}/C";
                public const string D = "{{Bulk}}/D";
            #pragma warning restore
                public const string E = "{{Bulk}}/E";
            #pragma warning disable NSM002
            #pragma warning restore
                public const string F = "{{Bulk}}/F";
            }
            """)));

        Assert.Equal(
            new[]
            {
                "P.cs(11,29)-(11,83): NSM002 Warning",
                "P.cs(14,29)-(14,83): NSM002 Warning",
                "P.cs(8,29)-(8,73): NSM001 Warning",
            },
            found);
    }

    [Fact]
    public async Task A_disable_without_restore_lasts_to_the_end_of_the_file_and_no_further()
    {
        string[] found = await AssertSameAsync(Project(
            ("A.cs", $$"""
                public static class A
                {
                    public const string Before = "{{V1}}/Before";
                #pragma warning disable NSM001
                    public const string After = "{{V1}}/After";
                    public const string Last = "{{V1}}/Last";
                }
                """),
            ("B.cs", $$"""
                public static class B
                {
                    public const string Other = "{{V1}}/Other";
                }
                """)));

        Assert.Equal(new[] { "A.cs(3,34)-(3,83): NSM001 Warning", "B.cs(3,33)-(3,81): NSM001 Warning" }, found);
    }

    [Fact]
    public async Task Lists_comments_inactive_branches_numbers_and_case_are_read_as_the_compiler_reads_them()
    {
        string[] found = await AssertSameAsync(Project(("P.cs", $$"""
            public static class P
            {
            #pragma warning disable NSM010, NSM003 // two ids and a comment
                public const string A = "patient/Condition.read launch";
                public const string B = "{{Token}}";
            #pragma warning restore NSM003
                public const string C = "patient/Encounter.read";
                public const string D = "{{Token}}";
            #pragma warning disable 1591, CS0168
                public const string E = "{{V1}}/E";
            #if NEVER
            #pragma warning disable NSM001
            #endif
                public const string F = "{{V1}}/F";
            #pragma warning disable nsm001
                public const string G = "{{V1}}/G";
            }
            """)));

        Assert.Equal(
            new[]
            {
                "P.cs(10,29)-(10,73): NSM001 Warning",
                "P.cs(14,29)-(14,73): NSM001 Warning",
                "P.cs(16,29)-(16,73): NSM001 Warning",
                "P.cs(8,29)-(8,68): NSM003 Warning",
            },
            found);
    }

    [Fact]
    public async Task A_directive_inside_a_multi_line_expression_counts_from_where_the_finding_starts()
    {
        string[] found = await AssertSameAsync(Project(("P.cs", $$"""
            public static class P
            {
                public static string Url(string id) =>
                    "{{V1}}/Patient/"
            #pragma warning disable NSM001
                    + id;

                public static string Other(string id) =>
                    id +
            #pragma warning disable NSM002
                    "{{Bulk}}/Group";
            }
            """)));

        Assert.Equal(new[] { "P.cs(4,9)-(4,60): NSM001 Warning" }, found);
    }
}
