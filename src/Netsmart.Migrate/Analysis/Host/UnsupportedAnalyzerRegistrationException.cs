using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Netsmart.Migrate.Analysis.Host;

/// <summary>
/// Thrown when an analyzer registers an action kind the light host does not run. Never swallowed (not an AD0001):
/// a rule must not be skipped silently. <c>NETSMART_MIGRATE_HOST=driver</c> runs the real analyzer driver instead.
/// </summary>
internal sealed class UnsupportedAnalyzerRegistrationException : Exception
{
    public UnsupportedAnalyzerRegistrationException(DiagnosticAnalyzer analyzer, string registration)
        : base($"internal error: analyzer '{analyzer.GetType().FullName}' calls {registration}, which netsmart-migrate's light analyzer host " +
               $"does not run (it runs syntax-node and additional-file actions). Run with {AnalyzerHostOptions.EnvironmentVariable}=driver to use " +
               "Roslyn's analyzer driver, and extend Analysis/Host/AnalyzerRegistrations.cs.")
    {
    }
}
