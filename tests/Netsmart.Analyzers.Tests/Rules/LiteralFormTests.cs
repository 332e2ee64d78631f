using System.Threading.Tasks;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>Every rule in every literal form: the diagnostic covers the whole literal, and the fix keeps the form.</summary>
public class LiteralFormTests
{
    private const string V1 = "https://fhir.netsmartcloud.com/uscore/v1/Patient";
    private const string V2 = "https://fhir.netsmartcloud.com/provider/patient-access/v2/";

    /// <summary>A literal form: how to write a text in it (interpolated forms get a hole after the text).</summary>
    public static TheoryData<string> Forms() => new()
    {
        "regular", "verbatim", "raw", "multi-line raw", "utf8", "interpolated", "verbatim interpolated", "raw interpolated", "multi-line raw interpolated",
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Url_rules_report_the_whole_literal(string form)
    {
        await VerifyUrl.VerifyAnalyzerAsync(Source(form, V1, "NSM001"));
        await VerifyUrl.VerifyAnalyzerAsync(Source(form, "https://fhirtest.netsmartcloud.com/uscore/v1/bulk-data/Group/1/$export", "NSM002"));
        await VerifyUrl.VerifyAnalyzerAsync(Source(form, "https://fhir.netsmartcloud.com/payer/system-access/v2/Group/1", "NSM004"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Scope_rules_report_the_whole_literal(string form)
    {
        await VerifyScope.VerifyAnalyzerAsync(Source(form, "openid patient/Patient.read", "NSM010"));
        await VerifyScope.VerifyAnalyzerAsync(Source(form, "openid patient/Patient.sr", "NSM011"));
    }

    [Theory]
    [InlineData("regular", V2 + "{tenant-id}/Patient", "NSM005")]
    [InlineData("verbatim", V2 + "{tenant-id}/Patient", "NSM005")]
    [InlineData("raw", V2 + "{tenant-id}/Patient", "NSM005")]
    [InlineData("multi-line raw", V2 + "{tenant-id}/Patient", "NSM005")]
    [InlineData("utf8", V2 + "{tenant-id}/Patient", "NSM005")]
    [InlineData("interpolated", V2 + "{{tenant-id}}/Patient", "NSM005")]
    [InlineData("verbatim interpolated", V2 + "{{tenant-id}}/Patient", "NSM005")]
    [InlineData("raw interpolated", V2 + "{tenant-id}/Patient", "NSM005")]
    // With one '$' a raw string cannot hold a literal brace: the placeholder is written as a constant in a hole.
    [InlineData("multi-line raw interpolated", V2 + "{\"{tenant-id}\"}/Patient", null)]
    public async Task Url_fixes_keep_the_form_and_write_the_placeholder(string form, string fixedText, string? remaining)
    {
        await VerifyUrl.VerifyCodeFixAsync(Source(form, V1, "NSM001"), Source(form, fixedText, remaining));
    }

    [Theory]
    [InlineData("regular", "$\"" + V2 + "{tenantId}/Patient\"")]
    [InlineData("verbatim", "$@\"" + V2 + "{tenantId}/Patient\"")]
    [InlineData("raw", "$\"\"\"" + V2 + "{tenantId}/Patient\"\"\"")]
    [InlineData("interpolated", "$\"" + V2 + "{tenantId}/Patient{x}\"")]
    [InlineData("verbatim interpolated", "$@\"" + V2 + "{tenantId}/Patient{x}\"")]
    [InlineData("raw interpolated", "$$\"\"\"" + V2 + "{{tenantId}}/Patient{{x}}\"\"\"")]
    public async Task Url_fixes_with_a_tenant_in_scope_produce_an_interpolated_string_of_the_same_kind(string form, string fixedLiteral)
    {
        string source = "class C\n{\n    void M(string x, string tenantId)\n    {\n        var v = {|NSM001:" + Literal(form, V1) + "|};\n    }\n}\n";
        string fixedSource = "class C\n{\n    void M(string x, string tenantId)\n    {\n        var v = " + fixedLiteral + ";\n    }\n}\n";

        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Scope_fixes_keep_the_form(string form)
    {
        await VerifyScope.VerifyCodeFixAsync(Source(form, "openid patient/Patient.read", "NSM010"), Source(form, "openid patient/Patient.rs", null));
    }

    private static string Source(string form, string text, string? id)
    {
        string literal = Literal(form, text);
        string marked = id is null ? literal : "{|" + id + ":" + literal + "|}";
        return "class C\n{\n    void M(string x)\n    {\n        var v = " + marked + ";\n    }\n}\n";
    }

    /// <summary>The text written in a form; interpolated forms get a hole <c>x</c> after it.</summary>
    private static string Literal(string form, string text) => form switch
    {
        "regular" => "\"" + text + "\"",
        "verbatim" => "@\"" + text + "\"",
        "raw" => "\"\"\"" + text + "\"\"\"",
        "multi-line raw" => "\"\"\"\n            " + text + "\n            \"\"\"",
        "utf8" => "\"" + text + "\"u8",
        "interpolated" => "$\"" + text + "{x}\"",
        "verbatim interpolated" => "$@\"" + text + "{x}\"",
        "raw interpolated" => "$$\"\"\"" + text + "{{x}}\"\"\"",
        "multi-line raw interpolated" => "$\"\"\"\n            " + text + "{x}\n            \"\"\"",
        _ => throw new System.ArgumentOutOfRangeException(nameof(form)),
    };
}
