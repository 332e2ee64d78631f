using System;
using System.Collections.Generic;
using System.Linq;
using Netsmart.Knowledge.Scopes;

namespace Netsmart.Knowledge.Tests.Scopes;

public class ScopeScannerTests
{
    // Expected spans were computed independently (offsets of the intended token texts), not copied
    // from the scanner. Format: "start+length perm start+length syntax [problems] -> replacement".
    [Theory]
    [InlineData("plain v1 read",
        "patient/Patient.read",
        "0+20 perm 16+4 V1 [None] -> rs",
        "patient/Patient.rs")]
    [InlineData("plain v1 write wildcard resource",
        "user/*.write",
        "0+12 perm 7+5 V1 [None] -> cud",
        "user/*.cud")]
    [InlineData("plain v1 star star",
        "system/*.*",
        "0+10 perm 9+1 V1 [None] -> cruds",
        "system/*.cruds")]
    [InlineData("space separated list with non-clinical scopes",
        "launch/patient patient/Patient.read openid fhirUser offline_access",
        "15+20 perm 31+4 V1 [None] -> rs",
        "launch/patient patient/Patient.rs openid fhirUser offline_access")]
    [InlineData("no merge no dedupe",
        "patient/Patient.read patient/Patient.read patient/Patient.write",
        "0+20 perm 16+4 V1 [None] -> rs | 21+20 perm 37+4 V1 [None] -> rs | 42+21 perm 58+5 V1 [None] -> cud",
        "patient/Patient.rs patient/Patient.rs patient/Patient.cud")]
    [InlineData("plus separated and encoded slash",
        "launch/patient+patient%2FPatient.read+patient%2FObservation.write",
        "15+22 perm 33+4 V1 [None] -> rs | 38+27 perm 60+5 V1 [None] -> cud",
        "launch/patient+patient%2FPatient.rs+patient%2FObservation.cud")]
    [InlineData("percent-20 separated, lowercase %2f",
        "launch%2Fpatient%20patient%2fPatient.read%20openid",
        "19+22 perm 37+4 V1 [None] -> rs",
        "launch%2Fpatient%20patient%2fPatient.rs%20openid")]
    [InlineData("authorize URL scope parameter in the middle",
        "https://fhir.netsmartcloud.com/auth/t/oauth2/v1/authorize?response_type=code&scope=launch%2Fpatient+patient%2FPatient.read+user%2F*.*&state=abc",
        "100+22 perm 118+4 V1 [None] -> rs | 123+10 perm 132+1 V1 [None] -> cruds",
        "https://fhir.netsmartcloud.com/auth/t/oauth2/v1/authorize?response_type=code&scope=launch%2Fpatient+patient%2FPatient.rs+user%2F*.cruds&state=abc")]
    [InlineData("scope parameter first, raw slashes",
        "https://x/authorize?scope=patient/Patient.read&aud=https://x/uscore/v1",
        "26+20 perm 42+4 V1 [None] -> rs",
        "https://x/authorize?scope=patient/Patient.rs&aud=https://x/uscore/v1")]
    [InlineData("form body, value runs to the end",
        "grant_type=client_credentials&scope=system%2F*.read",
        "36+15 perm 47+4 V1 [None] -> rs",
        "grant_type=client_credentials&scope=system%2F*.rs")]
    [InlineData("raw spaces inside the scope value, value ends at &",
        "scope=system/Patient.read system/Observation.read&client_id=x",
        "6+19 perm 21+4 V1 [None] -> rs | 26+23 perm 45+4 V1 [None] -> rs",
        "scope=system/Patient.rs system/Observation.rs&client_id=x")]
    [InlineData("scope value ends at #",
        "cb?x=1&scope=patient/Patient.read#frag",
        "13+20 perm 29+4 V1 [None] -> rs",
        "cb?x=1&scope=patient/Patient.rs#frag")]
    [InlineData("encoded star resource and permission",
        "scope=system%2F%2A.%2A",
        "6+16 perm 19+3 V1 [None] -> cruds",
        "scope=system%2F%2A.cruds")]
    [InlineData("query-restricted v2 is valid",
        "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
        "0+101 perm 20+2 V2 [None] -> (none)",
        "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory")]
    [InlineData("query-restricted v1 keeps its query",
        "patient/Observation.read?category=laboratory launch",
        "0+44 perm 20+4 V1 [None] -> rs",
        "patient/Observation.rs?category=laboratory launch")]
    [InlineData("encoded query-restricted v2",
        "scope=patient%2FObservation.rs%3Fcategory%3Dlaboratory",
        "6+48 perm 28+2 V2 [None] -> (none)",
        "scope=patient%2FObservation.rs%3Fcategory%3Dlaboratory")]
    [InlineData("valid v2 list needs nothing",
        "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs",
        "31+18 perm 47+2 V2 [None] -> (none) | 50+22 perm 70+2 V2 [None] -> (none)",
        "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs")]
    [InlineData("v2 out of order",
        "patient/Observation.sr",
        "0+22 perm 20+2 V2 [OutOfOrder] -> rs",
        "patient/Observation.rs")]
    [InlineData("v2 spec example dus",
        "user/Observation.dus",
        "0+20 perm 17+3 V2 [OutOfOrder] -> uds",
        "user/Observation.uds")]
    [InlineData("v2 repeated letter",
        "patient/Observation.rrs",
        "0+23 perm 20+3 V2 [RepeatedLetters] -> rs",
        "patient/Observation.rs")]
    [InlineData("v2 repeated and out of order",
        "patient/Observation.srs",
        "0+23 perm 20+3 V2 [RepeatedLetters, OutOfOrder] -> rs",
        "patient/Observation.rs")]
    [InlineData("v2 unknown letter, no fix",
        "patient/Observation.rx",
        "0+22 perm 20+2 V2 [UnknownLetters] -> (none)",
        "patient/Observation.rx")]
    [InlineData("v2 uppercase is unknown, no fix",
        "patient/Patient.RS",
        "0+18 perm 16+2 V2 [UnknownLetters] -> (none)",
        "patient/Patient.RS")]
    [InlineData("v2 empty with query, no fix",
        "patient/Observation.?category=laboratory",
        "0+40 perm 20+0 V2 [Empty] -> (none)",
        "patient/Observation.?category=laboratory")]
    [InlineData("mixed v1 and v2",
        "patient/Patient.read patient/Observation.rs",
        "0+20 perm 16+4 V1 [None] -> rs | 21+22 perm 41+2 V2 [None] -> (none)",
        "patient/Patient.rs patient/Observation.rs")]
    [InlineData("tabs and newlines separate",
        "openid\n\tpatient/Patient.read\r\n",
        "8+20 perm 24+4 V1 [None] -> rs",
        "openid\n\tpatient/Patient.rs\r\n")]
    [InlineData("unknown resource type with valid letters still counts",
        "patient/Foo.read user/Bar.rs",
        "0+16 perm 12+4 V1 [None] -> rs | 17+11 perm 26+2 V2 [None] -> (none)",
        "patient/Foo.rs user/Bar.rs")]
    public void Scan_finds_exact_tokens_and_builds_minimal_edits(string name, string input, string expectedMatches, string expectedMigrated)
    {
        var matches = ScopeScanner.Scan(input);

        Assert.Equal(expectedMatches, Describe(matches));
        Assert.Equal(expectedMigrated, ScopeScanner.ApplyEdits(input, ScopeScanner.GetEdits(input)));
        Assert.True(ScopeScanner.ContainsClinicalScope(input), name);
        foreach (var m in matches)
        {
            Assert.Equal(input.Substring(m.Start, m.Length), m.Token);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("CCD")]
    [InlineData("launch")]
    [InlineData("launch/patient")]
    [InlineData("launch/encounter openid fhirUser profile offline_access online_access")]
    [InlineData("launch%2Fpatient+openid")]
    [InlineData("openid")]
    [InlineData("exports/patient/Patient.read.json")]
    [InlineData("https://x/patient/Patient.read")]
    [InlineData("/patient/Patient.read")]
    [InlineData("patient/Patient.read/")]
    [InlineData("patient/Patient.read.json")]
    [InlineData("xpatient/Patient.read")]
    [InlineData("Patient/Patient.read")]
    [InlineData("patient/patient.read")]
    [InlineData("patient/Patient.read,")]
    [InlineData("(patient/Patient.read)")]
    [InlineData("patient/Patient.read?")]
    [InlineData("patient/Patient.read?laboratory")]
    [InlineData("patient/Observation.")]
    [InlineData("patient/Observation. Use it.")]
    [InlineData("patient/.read")]
    [InlineData("patient/Patient")]
    [InlineData("user/Notes.txt")]
    [InlineData("system/Config.json")]
    [InlineData("patient%2FPatient.read%2Fx")]
    [InlineData("patient%2Patient.read")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/Patient?_id=123")]
    [InlineData("https://oauth.netsmartcloud.com/token?scope=CCD")]
    [InlineData("state=patient%2FPatient.read")]
    [InlineData("x=1&state=patient/Patient.read")]
    [InlineData("myscope=patient/Patient.read")]
    [InlineData("?noscope=patient/Patient.read")]
    [InlineData("patient/Patient.read&state=x")]
    [InlineData("scope=launch&x=patient/Patient.read")]
    [InlineData("scope=launch#patient/Patient.read")]
    public void Scan_ignores_text_that_is_not_a_whole_clinical_scope(string input)
    {
        Assert.Empty(ScopeScanner.Scan(input));
        Assert.Empty(ScopeScanner.GetEdits(input));
        Assert.False(ScopeScanner.ContainsClinicalScope(input));
        Assert.False(SmartScopes.ContainsClinicalScope(input));
    }

    [Fact]
    public void Scan_of_null_is_empty()
    {
        Assert.Empty(ScopeScanner.Scan(null));
        Assert.False(SmartScopes.ContainsClinicalScope(null));
        Assert.False(ScopeScanner.MayContainScope(null));
    }

    [Theory]
    [InlineData("plain text without a slash", false)]
    [InlineData("100% done, %2 left", false)]
    [InlineData("a/b", false)]
    [InlineData("/api/v1/users/42", false)]
    [InlineData("patient/Patient.rs", true)]
    [InlineData("openid user/*.cud", true)]
    [InlineData("scope=system%2FGroup.rs", true)]
    [InlineData("scope=patient%2fPatient.read", true)]
    [InlineData("Patient/123", false)]
    [InlineData("// see patient//Patient.rs", true)]     // the first slash of a run follows the context
    [InlineData("///patient/Patient.rs", true)]          // a run of slashes, then a context
    [InlineData("url: https://x/system/", true)]         // the last character
    [InlineData("user%2F", true)]                        // an encoded slash at the very end
    [InlineData("patient%2", false)]
    [InlineData("%2Fpatient", false)]
    [InlineData("art/ tr/ stem/ //m/", false)]           // the last letter of a context, without the rest of it
    public void MayMentionScope_is_a_context_followed_by_a_plain_or_encoded_slash(string input, bool expected)
    {
        Assert.Equal(expected, ScopeScanner.MayMentionScope(input));
        Assert.False(ScopeScanner.MayMentionScope(null));
    }

    [Theory]
    [InlineData("patient/Patient.rs", true)]
    [InlineData("openid user/*.cud", true)]               // after a space
    [InlineData("a+system/Group.read", true)]             // after a +
    [InlineData("a%20user/Observation.read", true)]       // after %20
    [InlineData("x\tpatient/Patient.read", true)]        // after a tab
    [InlineData("\uFFFFpatient/Patient.read", true)]     // after a run-time part
    [InlineData("scope=system%2FGroup.rs", true)]         // after scope=, encoded slash
    [InlineData("scope=patient%2fPatient.read", true)]
    [InlineData("patient/%2A.read", true)]                // an encoded wildcard resource
    [InlineData("patient/", true)]                        // the resource is the next operand's
    [InlineData("x user%2F", true)]
    [InlineData("// see patient//Patient.rs", false)]     // a slash cannot start a resource type
    [InlineData("///patient/Patient.rs", false)]          // a scope never starts after a slash
    [InlineData("url: https://x/system/", false)]
    [InlineData("/api/user/{id}", false)]
    [InlineData("user/{id}", false)]                      // a brace cannot start a resource type
    [InlineData("user/org", false)]                       // nor a lower-case letter
    [InlineData("orguser/Patient.read", false)]           // the context must start the token
    [InlineData("\"patient/Patient.read\"", false)]       // a quote is not a separator
    [InlineData("Patient/123", false)]
    [InlineData("patient%2", false)]
    public void MayContainScope_is_a_context_where_a_scope_can_start_then_its_slash_then_what_can_start_a_resource(string input, bool expected)
    {
        Assert.Equal(expected, ScopeScanner.MayContainScope(input));
    }

    [Theory]
    [InlineData("patient/Observation.read", true)]   // holds a context mark
    [InlineData("patient", true)]                    // ends with the start of "patient/"
    [InlineData("Observation.read openid user", true)] // ends with "user", the start of "user/"
    [InlineData("/Observation.read", true)]          // starts with the end of a mark: "patient" + "/..."
    [InlineData("ient/Observation.read", true)]      // starts with the end of "patient/"
    [InlineData("tie", true)]                        // inside "patient/"
    [InlineData("", true)]                           // joins its neighbours: "pat" + "" + "ient/..."
    [InlineData("x pat", true)]                      // a context may start after the space
    [InlineData("ient%2FObservation.read", true)]
    [InlineData("sendfiles", false)]                 // ends with "s", but no scope starts after an "e"
    [InlineData("orguser", false)]
    [InlineData("/api", false)]                      // starts with "/", but no resource type starts with "a"
    [InlineData("/{id}", false)]
    [InlineData("123", false)]
    [InlineData("Patient/123", false)]               // contexts are lower case
    [InlineData("test", false)]
    [InlineData("Organization", false)]
    public void MayBePieceOfScope_is_false_only_for_a_text_no_join_can_make_a_context_mark_of(string input, bool expected)
    {
        Assert.Equal(expected, ScopeScanner.MayBePieceOfScope(input));
        Assert.False(ScopeScanner.MayBePieceOfScope(null));
    }

    [Theory]
    [InlineData("patient/Observation.read", true)]   // holds a context mark
    [InlineData("patient", true)]                    // a context word the next operand completes
    [InlineData("user", true)]
    [InlineData("launch system", true)]                // after a separator
    [InlineData("scope=user", true)]
    [InlineData("https://example.org/launch/system", false)] // a scope never starts after a slash
    [InlineData("orguser", false)]
    [InlineData("providerserviceuser", false)]
    [InlineData("patient%2F", true)]
    [InlineData("sendfiles", false)]                 // ends with "s", the start of "system/": too weak for a field
    [InlineData("pat", false)]
    [InlineData("/Observation.read", false)]         // the tail of a scope: not followed for a field
    [InlineData("", false)]
    [InlineData("Patient", false)]                   // contexts are lower case
    public void MayStartScope_holds_a_context_mark_or_ends_with_a_context_word(string input, bool expected)
    {
        Assert.Equal(expected, ScopeScanner.MayStartScope(input));
        Assert.False(ScopeScanner.MayStartScope(null));
    }

    [Theory]
    [InlineData("/Observation.read", true)]
    [InlineData("/*.rs", true)]
    [InlineData("%2fPatient.read openid", true)]
    [InlineData("%2F%2a.read", true)]
    [InlineData("/Observation.", true)]               // the permission may come next
    [InlineData("/Observation", false)]               // no dot: a path, not the rest of a scope
    [InlineData("/", false)]
    [InlineData("/Account/Login", false)]
    [InlineData("/api.json", false)]                  // a resource type starts upper case
    [InlineData("Observation.read", false)]           // the slash is the rest's
    [InlineData("", false)]
    public void MayEndScope_is_a_slash_then_a_resource_type_and_its_dot(string input, bool expected)
    {
        Assert.Equal(expected, ScopeScanner.MayEndScope(input));
        Assert.False(ScopeScanner.MayEndScope(null));
    }

    [Theory]
    [InlineData("plain text without a slash, even if long enough to be a scope")]
    [InlineData("https://fhir.netsmartcloud.com/uscore/v1/Patient?_id=123&x=patient/Patient.read")]
    [InlineData("exports/patient/Patient.read.json user/Notes.txt patient/Observation. scope=launch")]
    public void Scan_does_not_allocate_on_text_without_scopes(string input)
    {
        ScopeScanner.Scan(input); // warm up (JIT, statics)
        SmartScopes.ContainsClinicalScope(input);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = ScopeScanner.Scan(input);
        bool found = SmartScopes.ContainsClinicalScope(input);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(result);
        Assert.False(found);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Edits_of_an_encoded_authorize_url_change_only_the_permission_characters()
    {
        const string url = "https://fhirtest.netsmartcloud.com/auth/t/oauth2/v1/authorize?scope=launch+patient%2FPatient.read+patient%2FObservation.write&aud=x";

        var edits = ScopeScanner.GetEdits(url);

        Assert.Equal(new[] { new ScopeEdit(93, 4, "rs"), new ScopeEdit(120, 5, "cud") }, edits);
        Assert.Equal("https://fhirtest.netsmartcloud.com/auth/t/oauth2/v1/authorize?scope=launch+patient%2FPatient.rs+patient%2FObservation.cud&aud=x", ScopeScanner.ApplyEdits(url, edits));
    }

    [Fact]
    public void Match_exposes_decoded_parts_and_flags()
    {
        var m = Assert.Single(ScopeScanner.Scan("scope=system%2F%2A.read%3F_type%3DPatient"));

        Assert.Equal(ScopeContext.System, m.Context);
        Assert.True(m.IsSystemScope);
        Assert.Equal("*", m.ResourceType);
        Assert.Equal("read", m.Permissions);
        Assert.True(m.HasQuery);
        Assert.True(m.IsEncoded);
        Assert.True(m.IsKnownResourceType);
        Assert.True(m.NeedsChange);
        Assert.Equal(new ScopeEdit(19, 4, "rs"), m.Edit);
    }

    [Theory]
    [InlineData("patient/Observation.rx", false, true)]
    [InlineData("patient/Observation.rs", false, false)]
    [InlineData("user/Observation.sr", true, true)]
    [InlineData("user/Observation.write", true, true)]
    public void Edit_is_present_only_when_a_safe_change_exists(string input, bool hasEdit, bool needsChange)
    {
        var m = Assert.Single(ScopeScanner.Scan(input));

        Assert.Equal(hasEdit, m.Edit.HasValue);
        Assert.Equal(needsChange, m.NeedsChange);
        Assert.False(m.IsEncoded);
        Assert.False(m.HasQuery);
    }

    [Theory]
    [InlineData("patient/Patient.read patient/Observation.rs", true)]
    [InlineData("patient/Patient.read patient/Observation.write", false)]
    [InlineData("patient/Patient.rs patient/Observation.sr", false)]
    [InlineData("launch openid", false)]
    public void HasMixedSyntax_flags_v1_and_v2_together(string input, bool expected)
    {
        Assert.Equal(expected, ScopeScanner.HasMixedSyntax(ScopeScanner.Scan(input)));
    }

    [Theory]
    [InlineData("system/*.read", true)]
    [InlineData("grant_type=client_credentials&scope=system%2FPatient.rs", true)]
    [InlineData("patient/Patient.read user/Observation.rs", false)]
    [InlineData("https://x/system/Patient.read", false)]
    public void ContainsSystemScope_finds_backend_scopes(string input, bool expected)
    {
        Assert.Equal(expected, SmartScopes.ContainsSystemScope(input));
    }

    [Fact]
    public void ApplyEdits_rejects_overlapping_edits()
    {
        var edits = new[] { new ScopeEdit(0, 3, "x"), new ScopeEdit(2, 1, "y") };

        Assert.Throws<ArgumentException>(() => ScopeScanner.ApplyEdits("abcdef", edits));
    }

    private static string Describe(IReadOnlyList<ScopeMatch> matches) => string.Join(" | ", matches.Select(m =>
        m.Start + "+" + m.Length + " perm " + m.PermissionStart + "+" + m.PermissionLength + " " + m.Syntax
        + " [" + m.Problems + "] -> " + (m.ReplacementPermissions ?? "(none)")));
}
