using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Analyzers;

/// <summary>
/// The user options of the package: their keys and how they are read, written once. Shared as linked source with
/// the code fixes and the CLI (which adds <c>--tenant-expression</c> on top of them).
/// </summary>
internal static class NetsmartOptions
{
    /// <summary><c>.editorconfig</c>: the C# expression the fixes write for the tenant id.</summary>
    public const string TenantIdExpressionKey = "netsmart.tenant_id_expression";

    /// <summary>MSBuild property <c>NetsmartTenantIdExpression</c> (made visible by the package's build props).</summary>
    public const string TenantIdExpressionBuildProperty = "build_property.NetsmartTenantIdExpression";

    /// <summary>The tenant expression is set for the whole project: the MSBuild property, or the option in a global config.</summary>
    public static bool HasProjectTenantIdExpression(AnalyzerOptions options) =>
        (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(TenantIdExpressionBuildProperty, out string? value) &&
         !string.IsNullOrWhiteSpace(value)) ||
        (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(TenantIdExpressionKey, out value) &&
         !string.IsNullOrWhiteSpace(value));

    /// <summary>The tenant expression for the code of <paramref name="tree"/>: the option for its file, else the MSBuild property; trimmed.</summary>
    public static string? GetTenantIdExpression(AnalyzerOptions options, SyntaxTree tree)
    {
        if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(TenantIdExpressionKey, out string? value) &&
            !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(TenantIdExpressionBuildProperty, out value) &&
            !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        return null;
    }

    /// <summary>
    /// <paramref name="expression"/>, trimmed, when it is one C# expression (what a fix may write for the tenant);
    /// null when it is empty or not an expression.
    /// </summary>
    public static string? ValidTenantIdExpression(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        string trimmed = expression!.Trim();
        ExpressionSyntax parsed = SyntaxFactory.ParseExpression(trimmed);
        return parsed.ContainsDiagnostics || parsed.FullSpan.Length != trimmed.Length ? null : trimmed;
    }
}
