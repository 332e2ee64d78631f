namespace Netsmart.CareConnect;

/// <summary>One <c>issue</c> of a FHIR OperationOutcome returned by CareConnect.</summary>
public sealed class OperationOutcomeIssue
{
    /// <summary>Creates an issue.</summary>
    public OperationOutcomeIssue(string? severity, string? code, string? diagnostics, string? detailsText)
    {
        Severity = severity;
        Code = code;
        Diagnostics = diagnostics;
        DetailsText = detailsText;
    }

    /// <summary><c>issue.severity</c> (fatal, error, warning, information).</summary>
    public string? Severity { get; }

    /// <summary><c>issue.code</c>, for example <c>security</c>, <c>forbidden</c>, <c>invalid</c>.</summary>
    public string? Code { get; }

    /// <summary><c>issue.diagnostics</c> (used by the Certified v2 APIs).</summary>
    public string? Diagnostics { get; }

    /// <summary><c>issue.details.text</c> (used by the General Purpose APIs).</summary>
    public string? DetailsText { get; }

    /// <summary>The human-readable text: <see cref="Diagnostics"/>, else <see cref="DetailsText"/>.</summary>
    public string? Text => !string.IsNullOrEmpty(Diagnostics) ? Diagnostics : DetailsText;

    /// <summary>Severity and code only: the text may hold PHI and is left out.</summary>
    public override string ToString() => (Severity ?? "issue") + " " + (Code ?? "unknown");
}
