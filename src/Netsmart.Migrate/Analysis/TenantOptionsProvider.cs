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
    private readonly AnalyzerConfigOptionsProvider _inner;
    private readonly string? _tenantOverride;

    public TenantOptionsProvider(AnalyzerConfigOptionsProvider inner, string? tenantOverride, string? buildProperty)
    {
        _inner = inner;
        _tenantOverride = tenantOverride;
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

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Wrap(_inner.GetOptions(tree));

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Wrap(_inner.GetOptions(textFile));

    private AnalyzerConfigOptions Wrap(AnalyzerConfigOptions options) =>
        _tenantOverride is null ? options : new WithValue(options, NetsmartOptions.TenantIdExpressionKey, _tenantOverride);

    /// <summary>The same options, computed once per tree and per additional file.</summary>
    private sealed class CachingOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptionsProvider _inner;
        private readonly ConditionalWeakTable<SyntaxTree, AnalyzerConfigOptions> _trees = new();
        private readonly ConditionalWeakTable<AdditionalText, AnalyzerConfigOptions> _texts = new();

        public CachingOptionsProvider(AnalyzerConfigOptionsProvider inner)
        {
            _inner = inner;
        }

        public override AnalyzerConfigOptions GlobalOptions => _inner.GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _trees.GetValue(tree, _inner.GetOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _texts.GetValue(textFile, _inner.GetOptions);
    }

    private sealed class WithValue : AnalyzerConfigOptions
    {
        private readonly AnalyzerConfigOptions _inner;
        private readonly string _key;
        private readonly string _value;

        public WithValue(AnalyzerConfigOptions inner, string key, string value)
        {
            _inner = inner;
            _key = key;
            _value = value;
        }

        public override IEnumerable<string> Keys => _inner.Keys.Append(_key).Distinct();

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            if (KeyComparer.Equals(key, _key))
            {
                value = _value;
                return true;
            }

            return _inner.TryGetValue(key, out value);
        }
    }
}
