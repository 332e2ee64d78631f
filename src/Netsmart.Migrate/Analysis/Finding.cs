using Microsoft.CodeAnalysis;

namespace Netsmart.Migrate.Analysis;

/// <summary>How a finding is reported. Info findings do not fail a scan unless <c>--fail-on info</c>.</summary>
internal enum FindingSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>One diagnostic of the package's analyzers, located in a C# file or a JSON configuration file.</summary>
internal sealed class Finding
{
    public Finding(Diagnostic diagnostic, FindingSeverity severity, string path, string relativePath, FileLinePositionSpan span, bool fixable, bool inConfigFile)
    {
        Diagnostic = diagnostic;
        Severity = severity;
        Path = path;
        RelativePath = relativePath;
        Line = span.StartLinePosition.Line + 1;
        Column = span.StartLinePosition.Character + 1;
        EndLine = span.EndLinePosition.Line + 1;
        EndColumn = span.EndLinePosition.Character + 1;
        Fixable = fixable;
        InConfigFile = inConfigFile;
    }

    public Diagnostic Diagnostic { get; }

    public string RuleId => Diagnostic.Id;

    public string Title => Diagnostic.Descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Message => Diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    public string HelpUri => Diagnostic.Descriptor.HelpLinkUri;

    public FindingSeverity Severity { get; }

    public string Path { get; }

    /// <summary>Relative to the input's folder, with '/' separators.</summary>
    public string RelativePath { get; }

    /// <summary>1-based.</summary>
    public int Line { get; }

    /// <summary>1-based, in UTF-16 characters.</summary>
    public int Column { get; }

    public int EndLine { get; }

    public int EndColumn { get; }

    /// <summary>True when <c>netsmart-migrate fix</c> rewrites it (the package's code fix offers a fix, or the JSON value has an edit).</summary>
    public bool Fixable { get; }

    public bool InConfigFile { get; }

    /// <summary>The finding's fingerprint (rule, file, literal text, occurrence; not the line), for baselines and SARIF.</summary>
    public string Fingerprint { get; set; } = string.Empty;

    public static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };
}
