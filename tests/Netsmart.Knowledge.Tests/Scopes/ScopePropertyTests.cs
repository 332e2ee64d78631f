using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Knowledge.Tests.Scopes;

public class ScopePropertyTests
{
    // Scope-shaped text: mostly near-misses of the grammar, so the interesting branches are all hit.
    private static readonly Gen<string> ScopeLike = PropertyCheck.Pieces(
        8,
        "patient", "user", "system", "launch", "Patient", "/", "%2F", "%2f", "%2A", "*", ".", "Observation", "Foo",
        "read", "write", "r", "s", "c", "u", "d", "x", "R", "?", "%3F", "category=lab", "=", "&", "#", "scope=",
        " ", "+", "%20", "%2", "%", "://", "\n", "a");

    private static readonly Gen<string> ClinicalScope =
        from context in Gen.OneOf("patient", "user", "system")
        from resource in Gen.OneOf("Patient", "Observation", "*", "Foo", "DocumentReference")
        from permissions in Gen.OneOf(
            Gen.OneOf("read", "write", "*"),
            Gen.Char["crudsxR"].Array[0, 7].Select(a => new string(a)))
        from query in Gen.OneOf("", "?category=laboratory", "?code=http://loinc.org|1234-5&_x=y")
        select context + "/" + resource + "." + permissions + query;

    private static readonly Gen<string> AnyText = Gen.OneOf(Gen.String, ScopeLike, ClinicalScope,
        ClinicalScope.Array[0, 5].Select(a => string.Join(" ", a)));

    // Slash runs, comment and path shapes around the contexts: what MayContainScope skips over must not hide a context.
    private static readonly Gen<string> SlashLike = PropertyCheck.Pieces(
        10,
        "patient", "user", "system", "ient", "er", "em", "t", "r", "m", "/", "//", "///", "%2F", "%2f", "%2", "%", "2F",
        "F", " ", "x", "Patient", "\n");

    private static readonly string[] Marks =
        { "patient/", "user/", "system/", "patient%2F", "user%2F", "system%2F", "patient%2f", "user%2f", "system%2f" };

    // Text around a scope: what may come before it (a separator, scope=, or nothing a scope can start after) and after it.
    private static readonly Gen<string> AroundScope =
        from before in Gen.OneOf(ScopeLike, SlashLike)
        from separator in Gen.OneOf("", " ", "+", "%20", "?scope=", "\n", "\t", "\uFFFF", "x", "/")
        from scope in ClinicalScope
        from after in Gen.OneOf("", " openid", "&state=1", "+", "x")
        select before + separator + scope + after;

    [Fact]
    public void MayMentionScope_is_a_context_followed_by_a_slash_or_an_encoded_slash()
    {
        // The definition, written plainly: one of the marks appears somewhere in the text.
        static bool Reference(string text) => Marks.Any(mark => text.Contains(mark, System.StringComparison.Ordinal));

        PropertySample.ForAll(Gen.OneOf(SlashLike, AnyText), text => Assert.Equal(Reference(text), ScopeScanner.MayMentionScope(text)));
    }

    [Fact]
    public void MayContainScope_is_a_mark_where_a_scope_can_start_followed_by_what_can_start_a_resource_type()
    {
        // The definition, written plainly: a mark at the start or after a separator or '=' (or the '0' of "%20"), then
        // an upper-case letter, '*', '%' or the end.
        static bool Reference(string text)
        {
            foreach (string mark in Marks)
            {
                for (int at = text.IndexOf(mark, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(mark, at + 1, System.StringComparison.Ordinal))
                {
                    int end = at + mark.Length;
                    if ((at == 0 || " +\t\r\n\uFFFF=0".Contains(text[at - 1])) &&
                        (end == text.Length || char.IsAsciiLetterUpper(text[end]) || text[end] == '*' || text[end] == '%'))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        PropertySample.ForAll(Gen.OneOf(SlashLike, AnyText, AroundScope), text => Assert.Equal(Reference(text), ScopeScanner.MayContainScope(text)));
    }

    [Fact]
    public void Every_text_the_scan_finds_a_scope_in_passes_MayContainScope_and_so_does_a_piece_of_it()
    {
        // The prechecks may only rule out what the scan cannot find: for every scope found, every split of the text in two
        // keeps the mark whole in a piece that passes MayContainScope, or leaves both pieces passing MayBePieceOfScope; and a
        // piece that ends with the scope's context passes MayStartScope (a const field the next operand completes), and the
        // rest after it MayEndScope.
        int found = 0;
        PropertySample.ForAll(Gen.OneOf(AroundScope, AnyText, ScopeLike), text =>
        {
            IReadOnlyList<ScopeMatch> matches = ScopeScanner.Scan(text);
            if (matches.Count == 0)
            {
                return;
            }

            found++;
            Assert.True(ScopeScanner.MayContainScope(text));
            foreach (ScopeMatch match in matches)
            {
                int contextEnd = match.Start + match.Context switch { ScopeContext.Patient => 7, ScopeContext.User => 4, _ => 6 };
                for (int split = 0; split <= text.Length; split++)
                {
                    string before = text.Substring(0, split), after = text.Substring(split);
                    Assert.True(
                        ScopeScanner.MayContainScope(before) || ScopeScanner.MayContainScope(after) ||
                        (ScopeScanner.MayBePieceOfScope(before) && ScopeScanner.MayBePieceOfScope(after)),
                        $"split at {split}: '{before}' + '{after}'");
                }

                Assert.True(ScopeScanner.MayStartScope(text.Substring(0, contextEnd)), text.Substring(0, contextEnd));
                Assert.True(ScopeScanner.MayEndScope(text.Substring(contextEnd)), text.Substring(contextEnd));
            }
        });

        Assert.True(found > 300, $"only {found} texts held a scope");
    }

    [Fact]
    public void Parse_then_Format_is_the_identity()
    {
        PropertySample.ForAll(AnyText, text =>
        {
            Assert.Equal(text, SmartScope.Parse(text).Format());
            Assert.Equal(text, ScopeList.Parse(text).Format());
        });
    }

    [Fact]
    public void Conversion_is_idempotent_and_converted_scopes_validate()
    {
        PropertySample.ForAll(AnyText, text =>
        {
            var once = SmartScopes.ConvertV1ToV2(text);
            Assert.Equal(once, SmartScopes.ConvertV1ToV2(once));

            var list = SmartScopes.ConvertListV1ToV2(text);
            Assert.Equal(list, SmartScopes.ConvertListV1ToV2(list));

            var scope = SmartScope.Parse(text);
            if (scope.Syntax == ScopeSyntax.V1)
            {
                var v2 = scope.ToV2();
                Assert.Equal(ScopeSyntax.V2, v2.Syntax);
                Assert.True(v2.IsWellFormed, v2.Text);
                Assert.Equal(scope.Query, v2.Query);
                Assert.Equal(v2.Text, SmartScope.Parse(v2.Text).Format());
                Assert.Equal(ScopeSyntax.V2, SmartScope.Parse(v2.Text).Syntax);
            }
        });
    }

    [Fact]
    public void Every_in_order_subset_of_cruds_is_valid_and_normalises_to_itself()
    {
        // All 31 non-empty subsets, exhaustively.
        for (int mask = 1; mask < 32; mask++)
        {
            var permissions = new string(Enumerable.Range(0, 5).Where(i => (mask & (1 << i)) != 0).Select(i => "cruds"[i]).ToArray());

            Assert.Equal(PermissionProblems.None, ScopePermissions.Validate(permissions));
            Assert.True(ScopePermissions.TryNormalize(permissions, out string normalized));
            Assert.Equal(permissions, normalized);
        }
    }

    [Fact]
    public void Normalising_any_cruds_letters_gives_a_valid_string_with_the_same_letters()
    {
        PropertySample.ForAll(Gen.Char["cruds"].Array[1, 12].Select(a => new string(a)), permissions =>
        {
            Assert.True(ScopePermissions.TryNormalize(permissions, out string normalized));
            Assert.Equal(PermissionProblems.None, ScopePermissions.Validate(normalized));
            Assert.Equal(permissions.Distinct().OrderBy(c => c), normalized.OrderBy(c => c));
            Assert.True(ScopePermissions.TryNormalize(normalized, out string again));
            Assert.Equal(normalized, again);
        });
    }

    [Fact]
    public void Scanner_never_throws_and_its_matches_are_consistent()
    {
        var urlish = from prefix in Gen.OneOf("", "https://x/authorize?a=1&", "grant_type=client_credentials&", "see ")
                     from scopes in Gen.OneOf(ScopeLike, ClinicalScope).Array[0, 4]
                     from sep in Gen.OneOf(" ", "+", "%20")
                     from suffix in Gen.OneOf("", "&state=1", "#f", " done")
                     select prefix + "scope=" + string.Join(sep, scopes) + suffix;

        PropertySample.ForAll(Gen.OneOf(AnyText, urlish, Mutated(urlish)), text =>
        {
            var matches = ScopeScanner.Scan(text);
            int previousEnd = 0;
            foreach (var m in matches)
            {
                Assert.True(m.Start >= previousEnd && m.End <= text.Length, text);
                Assert.True(m.PermissionStart > m.Start && m.PermissionStart + m.PermissionLength <= m.End, text);
                previousEnd = m.End;
            }

            Assert.Equal(matches.Count > 0, ScopeScanner.ContainsClinicalScope(text));

            // Migrating is idempotent: the migrated text needs no further edit and keeps every token.
            var migrated = ScopeScanner.ApplyEdits(text, ScopeScanner.GetEdits(text));
            Assert.Empty(ScopeScanner.GetEdits(migrated));
            Assert.Equal(matches.Count, ScopeScanner.Scan(migrated).Count);
            Assert.DoesNotContain(ScopeScanner.Scan(migrated), m => m.Syntax == ScopeSyntax.V1);
        });
    }

    // The adversarial inputs of 1 MB that a naive scanner takes quadratic time on: the edits it must return for them.
    // Their speed is measured by the benchmark harness (--linearity), not here (docs/performance.md).
    [Theory]
    [InlineData("v1-scopes", 49933, "[16..20)->rs", "[1048588..1048592)->rs")]
    [InlineData("scope-params", 1, "[1048595..1048599)->rs", "[1048595..1048599)->rs")]
    [InlineData("amp-scope-params", 1, "[1048596..1048600)->rs", "[1048596..1048600)->rs")]
    [InlineData("contexts", 1, "[1048593..1048597)->rs", "[1048593..1048597)->rs")]
    [InlineData("encoded-slashes", 1, "[1048595..1048599)->rs", "[1048595..1048599)->rs")]
    [InlineData("encoded-spaces", 1, "[1048595..1048599)->rs", "[1048595..1048599)->rs")]
    [InlineData("encoded-scope-list", 45591, "[24..28)->rs", "[1048594..1048598)->rs")]
    [InlineData("long-query", 1, "[1048616..1048620)->rs", "[1048616..1048620)->rs")]
    [InlineData("repeated-scope-params", 36158, "[28..30)->rs", "[1048581..1048583)->rs")]
    [InlineData("slashes", 1, "[1048593..1048597)->rs", "[1048593..1048597)->rs")]
    public void Scanner_edits_one_megabyte_adversarial_inputs(string name, int count, string first, string last)
    {
        string input = AdversarialInputs.Named(AdversarialInputs.Scopes, name).Build(1 << 20);

        var edits = ScopeScanner.GetEdits(input);

        Assert.Equal(count, edits.Count);
        Assert.Equal(first, edits[0].ToString());
        Assert.Equal(last, edits[edits.Count - 1].ToString());
    }

    internal static Gen<string> Mutated(Gen<string> source) =>
        from text in source
        from edits in Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Char["/%2F.&=?+ rsx#*"]).Array[1, 4]
        select Mutate(text, edits);

    private static string Mutate(string text, (int Kind, double Where, char Char)[] edits)
    {
        foreach (var (kind, where, c) in edits)
        {
            int at = (int)(where * text.Length);
            if (kind == 0 || text.Length == 0)
            {
                text = text.Insert(at, c.ToString());
            }
            else if (at < text.Length)
            {
                text = kind == 1 ? text.Remove(at, 1) : text.Substring(0, at) + c + text.Substring(at + 1);
            }
        }

        return text;
    }
}
