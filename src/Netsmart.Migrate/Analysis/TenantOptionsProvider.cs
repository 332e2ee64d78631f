using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Migrate.Analysis;

/// <summary>
/// The project's analyzer options (its .editorconfig files) with two additions: <c>--tenant-expression</c>
/// overrides <c>netsmart.tenant_id_expression</c> for every file, and the project's
/// <c>NetsmartTenantIdExpression</c> property is visible as <c>build_property.NetsmartTenantIdExpression</c>,
/// as the package's build props make it for the compiler.
/// </summary>
internal sealed class TenantOptionsProvider : AnalyzerConfigOptionsProvider
{
    public const string TenantKey = "netsmart.tenant_id_expression";
    public const string BuildPropertyKey = "build_property.NetsmartTenantIdExpression";

    private readonly AnalyzerConfigOptionsProvider inner;
    private readonly string? tenantOverride;

    public TenantOptionsProvider(AnalyzerConfigOptionsProvider inner, string? tenantOverride, string? buildProperty)
    {
        this.inner = inner;
        this.tenantOverride = tenantOverride;
        GlobalOptions = buildProperty is null ? inner.GlobalOptions : new WithValue(inner.GlobalOptions, BuildPropertyKey, buildProperty);
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public static AnalyzerOptions For(Project project, string? tenantOverride, string? buildProperty)
    {
        AnalyzerOptions options = project.AnalyzerOptions;
        if (tenantOverride is null && buildProperty is null)
        {
            return options;
        }

        return new AnalyzerOptions(options.AdditionalFiles, new TenantOptionsProvider(options.AnalyzerConfigOptionsProvider, tenantOverride, buildProperty));
    }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Wrap(inner.GetOptions(tree));

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Wrap(inner.GetOptions(textFile));

    private AnalyzerConfigOptions Wrap(AnalyzerConfigOptions options) =>
        tenantOverride is null ? options : new WithValue(options, TenantKey, tenantOverride);

    private sealed class WithValue : AnalyzerConfigOptions
    {
        private readonly AnalyzerConfigOptions inner;
        private readonly string key;
        private readonly string value;

        public WithValue(AnalyzerConfigOptions inner, string key, string value)
        {
            this.inner = inner;
            this.key = key;
            this.value = value;
        }

        public override IEnumerable<string> Keys => inner.Keys.Append(key).Distinct();

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            if (KeyComparer.Equals(key, this.key))
            {
                value = this.value;
                return true;
            }

            return inner.TryGetValue(key, out value);
        }
    }
}
