using System;

namespace Netsmart.Migrate.Analysis.Host;

/// <summary>
/// Which analyzer host runs the rules, passed in by the caller: the light host (default) or Roslyn's analyzer driver
/// (<c>NETSMART_MIGRATE_HOST=driver</c>), and who wants to hear how many trees the light host handed to the driver.
/// </summary>
internal sealed record AnalyzerHostOptions
{
    public const string EnvironmentVariable = "NETSMART_MIGRATE_HOST";

    public static AnalyzerHostOptions Light { get; } = new();

    public static AnalyzerHostOptions Driver { get; } = new() { UseDriver = true };

    /// <summary>Run everything through <c>CompilationWithAnalyzers</c> instead of the light host.</summary>
    public bool UseDriver { get; init; }

    /// <summary>Called once per compilation with the number of trees the light host handed to the driver.</summary>
    public Action<int>? TreesHandedToDriver { get; init; }

    /// <summary>Called once per compilation with the number of JSON files the driver analysed.</summary>
    public Action<int>? ConfigFilesHandedToDriver { get; init; }

    /// <summary>The host <c>NETSMART_MIGRATE_HOST</c> asks for (<c>driver</c>, in any case), else the light one.</summary>
    public static AnalyzerHostOptions FromEnvironment() =>
        string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable), "driver", StringComparison.OrdinalIgnoreCase) ? Driver : Light;
}
