using System.Collections.Generic;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Rules;

/// <summary>
/// What a rule decided about one value: the rule, its message arguments, the part of the value to report, and the
/// fix. Offsets are indexes into the value text the decision was made on; a front end maps them to its source.
/// </summary>
internal sealed class RuleDecision
{
    private static readonly UrlEdit[] NoEdits = new UrlEdit[0];

    public RuleDecision(
        string ruleId,
        string[] messageArguments,
        int start,
        int end,
        IReadOnlyList<UrlEdit>? edits,
        bool isTentative = false,
        bool needsTenantExpression = false,
        string? targetApi = null)
    {
        RuleId = ruleId;
        MessageArguments = messageArguments;
        Start = start;
        End = end;
        Edits = edits ?? NoEdits;
        IsTentative = isTentative;
        NeedsTenantExpression = needsTenantExpression;
        TargetApi = targetApi;
    }

    /// <summary>The rule (<see cref="DiagnosticIds"/>).</summary>
    public string RuleId { get; }

    /// <summary>The message arguments, in the order of the rule's message format.</summary>
    public string[] MessageArguments { get; }

    /// <summary>Start, in the value, of what the finding is about (the URL base; the first to the last scope).</summary>
    public int Start { get; }

    /// <summary>End (exclusive), in the value, of what the finding is about.</summary>
    public int End { get; }

    /// <summary>The fix as edits of the value text; empty when the finding has no fix.</summary>
    public IReadOnlyList<UrlEdit> Edits { get; }

    /// <summary>True when the rule offers a fix (<see cref="Edits"/> is then what it writes).</summary>
    public bool IsFixable => Edits.Count > 0;

    /// <summary>
    /// Information without a fix, instead of the rule's own severity: the evidence does not settle the case (NSM003
    /// without clear Certified use; NSM011 where nothing shows Netsmart use).
    /// </summary>
    public bool IsTentative { get; }

    /// <summary>The fix only replaces a tenant placeholder (NSM005): without a tenant expression it has nothing to write.</summary>
    public bool NeedsTenantExpression { get; }

    /// <summary>The display name of the v2 API the fix moves the URL to (NSM001, NSM006), or null.</summary>
    public string? TargetApi { get; }

    public override string ToString() =>
        RuleId + " [" + Start + ".." + End + ") (" + string.Join(" | ", MessageArguments) + ")" +
        (IsFixable ? " fixable" : string.Empty) + (IsTentative ? " tentative" : string.Empty);
}
