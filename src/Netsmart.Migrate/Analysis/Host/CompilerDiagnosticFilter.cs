using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Migrate.Analysis.Host;

/// <summary>
/// The compiler's filter between an analyzer and its reported diagnostics (<c>CSharpDiagnosticFilter</c>, internal in
/// Roslyn; here for an analyzer diagnostic without command-line options): <c>.editorconfig</c> / global config severities
/// through <see cref="SyntaxTreeOptionsProvider"/> (<c>none</c> included), <c>#pragma warning</c>
/// (<see cref="PragmaWarningStates"/>), then the bulk <c>dotnet_analyzer_diagnostic[.category-X].severity</c> options. An
/// analyzer's own effective severity (NSM003 info) stays when nothing overrides it.
/// </summary>
internal sealed class CompilerDiagnosticFilter
{
    private readonly CompilationOptions _compilationOptions;
    private readonly AnalyzerOptions _options;

    public CompilerDiagnosticFilter(CompilationOptions compilationOptions, AnalyzerOptions options)
    {
        _compilationOptions = compilationOptions;
        _options = options;
    }

    /// <summary>
    /// As the driver's diagnostic sink: tree then global config severity, <c>#pragma warning</c>, then the bulk
    /// analyzer-severity options. Null when the diagnostic is not reported (<c>none</c>, or suppressed by a pragma).
    /// <paramref name="pragmas"/> holds the pragma state of <paramref name="tree"/>, made on first need.
    /// </summary>
    public Diagnostic? Filter(Diagnostic diagnostic, SyntaxTree tree, ref PragmaWarningStates? pragmas, CancellationToken cancellationToken)
    {
        if (diagnostic.Location.SourceTree != tree)
        {
            return Filter(diagnostic, diagnostic.Location.SourceTree, cancellationToken);
        }

        ReportDiagnostic report = CompilerReport(diagnostic, tree, cancellationToken);
        if (report == ReportDiagnostic.Suppress)
        {
            return null;
        }

        pragmas ??= new PragmaWarningStates(tree, cancellationToken);
        if (pragmas.IsDisabled(diagnostic.Id, diagnostic.Location.SourceSpan.Start))
        {
            return null;
        }

        return ApplyBulkSeverity(WithReport(diagnostic, report), tree, cancellationToken);
    }

    private Diagnostic? Filter(Diagnostic diagnostic, SyntaxTree? tree, CancellationToken cancellationToken)
    {
        ReportDiagnostic report = CompilerReport(diagnostic, tree, cancellationToken);
        if (report == ReportDiagnostic.Suppress ||
            (tree != null && new PragmaWarningStates(tree, cancellationToken).IsDisabled(diagnostic.Id, diagnostic.Location.SourceSpan.Start)))
        {
            return null;
        }

        return tree is null ? WithReport(diagnostic, report) : ApplyBulkSeverity(WithReport(diagnostic, report), tree, cancellationToken);
    }

    private ReportDiagnostic CompilerReport(Diagnostic diagnostic, SyntaxTree? tree, CancellationToken cancellationToken)
    {
        if (diagnostic.WarningLevel > _compilationOptions.WarningLevel)
        {
            return ReportDiagnostic.Suppress;
        }

        bool isSpecified = _compilationOptions.SpecificDiagnosticOptions.TryGetValue(diagnostic.Id, out ReportDiagnostic report);
        bool warnAsErrorMinus = isSpecified && report == ReportDiagnostic.Default;
        SyntaxTreeOptionsProvider? provider = _compilationOptions.SyntaxTreeOptionsProvider;
        if (provider != null && (!isSpecified || warnAsErrorMinus) &&
            ((tree != null && provider.TryGetDiagnosticValue(tree, diagnostic.Id, cancellationToken, out ReportDiagnostic configured)) ||
             provider.TryGetGlobalDiagnosticValue(diagnostic.Id, cancellationToken, out configured)) &&
            !(warnAsErrorMinus && diagnostic.Severity == DiagnosticSeverity.Warning && configured == ReportDiagnostic.Error))
        {
            isSpecified = true;
            report = configured;
            if (!warnAsErrorMinus && report == ReportDiagnostic.Warn && _compilationOptions.GeneralDiagnosticOption == ReportDiagnostic.Error)
            {
                report = ReportDiagnostic.Error;
            }
        }

        if (!isSpecified)
        {
            report = diagnostic.Descriptor.IsEnabledByDefault ? ReportDiagnostic.Default : ReportDiagnostic.Suppress;
        }

        if (report == ReportDiagnostic.Default)
        {
            // The compilation's general option (/warnaserror, /nowarn): never set by this tool, kept for completeness.
            if (_compilationOptions.GeneralDiagnosticOption == ReportDiagnostic.Error && diagnostic.Severity == DiagnosticSeverity.Warning && !isSpecified)
            {
                report = ReportDiagnostic.Error;
            }
            else if (_compilationOptions.GeneralDiagnosticOption == ReportDiagnostic.Suppress &&
                     diagnostic.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Info)
            {
                report = ReportDiagnostic.Suppress;
            }
        }

        return report;
    }

    private Diagnostic? ApplyBulkSeverity(Diagnostic? diagnostic, SyntaxTree tree, CancellationToken cancellationToken) =>
        diagnostic != null && TryGetSeverityFromBulkConfiguration(tree, diagnostic.Descriptor, cancellationToken, out ReportDiagnostic severity)
            ? WithReport(diagnostic, severity)
            : diagnostic;

    /// <summary>Roslyn's internal <c>Diagnostic.WithReportDiagnostic</c>, with public API only.</summary>
    private static Diagnostic? WithReport(Diagnostic diagnostic, ReportDiagnostic report)
    {
        DiagnosticSeverity? severity = report switch
        {
            ReportDiagnostic.Suppress => null,
            ReportDiagnostic.Error => DiagnosticSeverity.Error,
            ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
            ReportDiagnostic.Info => DiagnosticSeverity.Info,
            ReportDiagnostic.Hidden => DiagnosticSeverity.Hidden,
            _ => diagnostic.Severity,
        };
        if (severity is null)
        {
            return null;
        }

        if (severity == diagnostic.Severity)
        {
            return diagnostic;
        }

        // Diagnostic.WithSeverity is internal: the same diagnostic (id, descriptor texts, message, location, properties)
        // with the configured severity.
        DiagnosticDescriptor descriptor = diagnostic.Descriptor;
        return Diagnostic.Create(
            diagnostic.Id,
            descriptor.Category,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            severity.Value,
            descriptor.DefaultSeverity,
            descriptor.IsEnabledByDefault,
            severity == DiagnosticSeverity.Error ? 0 : 1,
            descriptor.Title,
            descriptor.Description,
            descriptor.HelpLinkUri,
            diagnostic.Location,
            diagnostic.AdditionalLocations,
            descriptor.CustomTags,
            diagnostic.Properties);
    }

    /// <summary>Roslyn's <c>AnalyzerOptionsExtensions.TryGetSeverityFromBulkConfiguration</c> (internal there).</summary>
    private bool TryGetSeverityFromBulkConfiguration(SyntaxTree tree, DiagnosticDescriptor descriptor, CancellationToken cancellationToken, out ReportDiagnostic severity)
    {
        severity = ReportDiagnostic.Default;
        if (!descriptor.IsEnabledByDefault || descriptor.CustomTags.Any(t => t is WellKnownDiagnosticTags.Compiler or WellKnownDiagnosticTags.NotConfigurable) ||
            _compilationOptions.SpecificDiagnosticOptions.ContainsKey(descriptor.Id))
        {
            return false;
        }

        SyntaxTreeOptionsProvider? provider = _compilationOptions.SyntaxTreeOptionsProvider;
        if (provider != null &&
            (provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out _) || provider.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out _)))
        {
            return false;
        }

        AnalyzerConfigOptions treeOptions = _options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return (treeOptions.TryGetValue("dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity", out string? value) && TryParseSeverity(value, out severity)) ||
               (treeOptions.TryGetValue("dotnet_analyzer_diagnostic.severity", out value) && TryParseSeverity(value, out severity));
    }

    /// <summary>Roslyn's <c>AnalyzerConfigSet.TryParseSeverity</c>.</summary>
    private static bool TryParseSeverity(string value, out ReportDiagnostic severity)
    {
        ReadOnlySpan<char> trimmed = value.AsSpan();
        int comment = trimmed.IndexOfAny(';', '#');
        if (comment >= 0)
        {
            trimmed = trimmed[..comment].Trim();
        }

        severity = trimmed.ToString().ToLowerInvariant() switch
        {
            "default" => ReportDiagnostic.Default,
            "error" => ReportDiagnostic.Error,
            "warning" => ReportDiagnostic.Warn,
            "suggestion" => ReportDiagnostic.Info,
            "silent" or "refactoring" => ReportDiagnostic.Hidden,
            "none" => ReportDiagnostic.Suppress,
            _ => (ReportDiagnostic)(-1),
        };
        return severity != (ReportDiagnostic)(-1);
    }
}
