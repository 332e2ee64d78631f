using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Strings;
using Netsmart.Knowledge.Rules;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Analyzers.Reporting;

/// <summary>
/// Turns a rule decision of the knowledge core about a C# string expression into a diagnostic: the location of
/// the parts that hold the reported text, the edits mapped into the literals, and the fix properties.
/// </summary>
internal static class DecisionDiagnostics
{
    /// <summary>
    /// Reports <paramref name="decision"/> (nothing when null): at the rule's severity with its fix, or as information
    /// without one when the decision is tentative. <paramref name="tenantExpression"/> goes to the fix.
    /// </summary>
    public static void Report(SyntaxNodeAnalysisContext context, StringExpression expression, RuleDecision? decision, string? tenantExpression)
    {
        DiagnosticDescriptor? descriptor = decision is null ? null : Descriptors.ForId(decision.RuleId);
        if (decision is null || descriptor is null)
        {
            return;
        }

        int first = expression.PartIndexAt(decision.Start);
        int last = expression.PartIndexAt(System.Math.Max(decision.Start, decision.End - 1));
        Location location = expression.GetReportLocation(first, last);
        List<SourceEdit> edits = decision.IsFixable ? MapEdits(expression, decision.Edits) : new List<SourceEdit>();
        ImmutableDictionary<string, string?> properties = FixProperties.Create(edits, tenantExpression, decision.NeedsTenantExpression, decision.TargetApi);
        context.ReportDiagnostic(decision.IsTentative
            ? Diagnostic.Create(descriptor, location, DiagnosticSeverity.Info, additionalLocations: null, properties, decision.MessageArguments)
            : Diagnostic.Create(descriptor, location, properties, decision.MessageArguments));
    }

    private static List<SourceEdit> MapEdits(StringExpression expression, IReadOnlyList<UrlEdit> valueEdits)
    {
        var edits = new List<(int, int, string)>(valueEdits.Count);
        foreach (UrlEdit edit in valueEdits)
        {
            edits.Add((edit.Start, edit.Length, edit.NewText));
        }

        return expression.MapEdits(edits);
    }
}
