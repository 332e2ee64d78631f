using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Analyzers
{
    /// <summary>The user options of the package.</summary>
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
    }
}
