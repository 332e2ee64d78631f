using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Migrate.Analysis.Host;

/// <summary>One analyzer in one compilation: its actions, and a gate when it did not enable concurrent execution.</summary>
internal sealed class AnalyzerSession
{
    public const string AnalyzerFailureId = "AD0001";

    private readonly ImmutableHashSet<string> _supportedIds;
    private readonly object? _gate;

    public AnalyzerSession(DiagnosticAnalyzer analyzer, AnalyzerRegistrations registrations, int index)
    {
        Analyzer = analyzer;
        Index = index;
        Registrations = registrations;
        _supportedIds = registrations.SupportedIds;
        _gate = registrations.Concurrent ? null : new object();
        IsSupportedDiagnostic = d => _supportedIds.Contains(d.Id);
    }

    public DiagnosticAnalyzer Analyzer { get; }

    public int Index { get; }

    public AnalyzerRegistrations Registrations { get; }

    public List<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<SyntaxKind> Kinds)> NodeActions { get; } = new();

    public List<Action<AdditionalFileAnalysisContext>> AdditionalFileActions { get; } = new();

    public Func<Diagnostic, bool> IsSupportedDiagnostic { get; }

    /// <summary>Runs one action; an exception becomes an AD0001 diagnostic, as in the driver (the tool never crashes on it).</summary>
    public void Invoke(Action<SyntaxNodeAnalysisContext> action, SyntaxNodeAnalysisContext context, List<(AnalyzerSession, Diagnostic, bool)> sink)
    {
        try
        {
            if (_gate is null)
            {
                action(context);
            }
            else
            {
                lock (_gate)
                {
                    action(context);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            sink.Add((this, CreateAnalyzerFailure(Analyzer, e), true));
        }
    }

    /// <summary>An analyzer exception as the driver reports it (AD0001; the CLI turns it into an input problem).</summary>
    public static Diagnostic CreateAnalyzerFailure(DiagnosticAnalyzer analyzer, Exception exception) =>
        Diagnostic.Create(
            AnalyzerFailureId,
            "Compiler",
            string.Format(CultureInfo.InvariantCulture, "Analyzer '{0}' threw an exception of type '{1}' with message '{2}'.", analyzer.GetType().FullName, exception.GetType().FullName, exception.Message),
            DiagnosticSeverity.Warning,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            warningLevel: 1,
            title: "Analyzer Failure",
            customTags: new[] { "AnalyzerException" });
}
