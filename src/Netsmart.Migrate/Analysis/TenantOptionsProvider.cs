using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers;

namespace Netsmart.Migrate.Analysis;

/// <summary>
/// The project's analyzer options (its .editorconfig files) with two additions: <c>--tenant-expression</c>
/// overrides <c>netsmart.tenant_id_expression</c> for every file, and the project's
/// <c>NetsmartTenantIdExpression</c> property is visible as <c>build_property.NetsmartTenantIdExpression</c>,
/// as the package's build props make it for the compiler.
/// </summary>
internal sealed class TenantOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly AnalyzerConfigOptionsProvider inner;
    private readonly string? tenantOverride;

    public TenantOptionsProvider(AnalyzerConfigOptionsProvider inner, string? tenantOverride, string? buildProperty)
    {
        this.inner = inner;
        this.tenantOverride = tenantOverride;
        GlobalOptions = buildProperty is null ? inner.GlobalOptions : new WithValue(inner.GlobalOptions, NetsmartOptions.TenantIdExpressionBuildProperty, buildProperty);
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    /// <summary>
    /// The project's analyzer options as the analyzers see them, cached per syntax tree and additional file (the
    /// workspace's provider matches every .editorconfig section again on each call, about half a millisecond, and the
    /// rules ask for every finding). One instance per project snapshot and settings, shared by analysis and checklist.
    /// </summary>
    public static AnalyzerOptions For(Project project, string? tenantOverride, string? buildProperty)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(project, out var cached) && cached.Item1 == tenantOverride && cached.Item2 == buildProperty)
            {
                return cached.Item3;
            }

            AnalyzerOptions options = project.AnalyzerOptions;
            AnalyzerConfigOptionsProvider provider = tenantOverride is null && buildProperty is null
                ? options.AnalyzerConfigOptionsProvider
                : new TenantOptionsProvider(options.AnalyzerConfigOptionsProvider, tenantOverride, buildProperty);
            var result = new AnalyzerOptions(options.AdditionalFiles, new CachingOptionsProvider(provider));
            Cache.AddOrUpdate(project, Tuple.Create(tenantOverride, buildProperty, result));
            return result;
        }
    }

    private static readonly ConditionalWeakTable<Project, Tuple<string?, string?, AnalyzerOptions>> Cache = new();

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Wrap(inner.GetOptions(tree));

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Wrap(inner.GetOptions(textFile));

    private AnalyzerConfigOptions Wrap(AnalyzerConfigOptions options) =>
        tenantOverride is null ? options : new WithValue(options, NetsmartOptions.TenantIdExpressionKey, tenantOverride);

    /// <summary>The same options, computed once per tree and per additional file.</summary>
    private sealed class CachingOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptionsProvider inner;
        private readonly ConditionalWeakTable<SyntaxTree, AnalyzerConfigOptions> trees = new();
        private readonly ConditionalWeakTable<AdditionalText, AnalyzerConfigOptions> texts = new();

        public CachingOptionsProvider(AnalyzerConfigOptionsProvider inner)
        {
            this.inner = inner;
        }

        public override AnalyzerConfigOptions GlobalOptions => inner.GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => trees.GetValue(tree, inner.GetOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => texts.GetValue(textFile, inner.GetOptions);
    }

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
