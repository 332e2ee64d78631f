using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Knowledge.Config;
using Netsmart.Analyzers.Evidence;

namespace Netsmart.Analyzers.Rules;

/// <summary>
/// NSM001–NSM004, NSM006, NSM010 and NSM011 inside JSON configuration files (<c>appsettings*.json</c>, added as
/// AdditionalFiles by the package's build props). Reported at the exact line and column of the value;
/// only string values are considered, never keys or comments; a malformed file is skipped. These
/// diagnostics have no code fix (<c>dotnet format</c> ignores additional files): <c>netsmart-migrate fix</c>
/// rewrites the values with the same knowledge.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigFileAnalyzer : DiagnosticAnalyzer
{
    /// <summary>One scan per file text, shared by every compilation that sees the same text (one per kind of project).</summary>
    private static readonly SourceTextValueProvider<ConfigScanResult> ScanProvider =
        new SourceTextValueProvider<ConfigScanResult>(text => ConfigFileScanner.Scan(text.ToString()));

    private static readonly SourceTextValueProvider<ConfigScanResult> NetsmartProjectScanProvider =
        new SourceTextValueProvider<ConfigScanResult>(text => ConfigFileScanner.Scan(text.ToString(), netsmartProject: true));

    /// <summary>The rules <see cref="ConfigFileScanner.IsReported"/> names (a meta test keeps the two in step).</summary>
    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(
        Descriptors.NSM001_V1PatientAccessUrl,
        Descriptors.NSM002_V1BulkDataUrl,
        Descriptors.NSM003_V1AuthorizationServerUrl,
        Descriptors.NSM004_V2UrlWithoutTenant,
        Descriptors.NSM006_SystemAccessThroughPatientAccess,
        Descriptors.NSM010_V1ScopeSyntax,
        Descriptors.NSM011_MalformedV2Scope);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            // Read once per compilation: does the project show Netsmart use (NSM011 is a warning in every file then)?
            bool netsmartProject = ApiEvidenceCache.For(start.Compilation, start.Options).IsNetsmartProject;
            SourceTextValueProvider<ConfigScanResult> provider = netsmartProject ? NetsmartProjectScanProvider : ScanProvider;
            Func<SourceText, ConfigScanResult> scan = text =>
                start.TryGetValue(text, provider, out ConfigScanResult? cached) ? cached : ConfigFileScanner.Scan(text.ToString(), netsmartProject);
            start.RegisterAdditionalFileAction(file => Analyze(file, scan));
        });
    }

    private static void Analyze(AdditionalFileAnalysisContext context, Func<SourceText, ConfigScanResult> scan)
    {
        string path = context.AdditionalFile.Path;
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        SourceText? text = context.AdditionalFile.GetText(context.CancellationToken);
        if (text is null)
        {
            return;
        }

        ConfigScanResult result = scan(text);
        foreach (ConfigFinding finding in result.Findings)
        {
            DiagnosticDescriptor? descriptor = Descriptors.ForId(finding.RuleId);
            if (descriptor is null)
            {
                continue;
            }

            var span = new TextSpan(finding.Start, finding.Length);
            Location location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
            context.ReportDiagnostic(finding.IsTentative
                ? Diagnostic.Create(descriptor, location, DiagnosticSeverity.Info, additionalLocations: null, properties: null, finding.MessageArguments)
                : Diagnostic.Create(descriptor, location, finding.MessageArguments));
        }
    }
}
