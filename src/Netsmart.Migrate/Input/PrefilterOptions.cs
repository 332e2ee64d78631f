using System;

namespace Netsmart.Migrate.Input;

/// <summary>
/// Whether <c>scan</c> runs the source prefilter (<see cref="SourcePrefilter"/>; on unless
/// <c>NETSMART_MIGRATE_PREFILTER=off</c>), and who wants to hear how many C# files it set aside. Passed in by the caller,
/// like <see cref="Analysis.Host.AnalyzerHostOptions"/>: CliEnvironment → ScanCommand → LoadedSolution.
/// </summary>
internal sealed record PrefilterOptions
{
    public const string EnvironmentVariable = "NETSMART_MIGRATE_PREFILTER";

    public static PrefilterOptions On { get; } = new();

    public static PrefilterOptions Off { get; } = new() { Enabled = false };

    /// <summary>Leave out of the solution the C# files that cannot change the report.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Called once per load with the number of C# files the prefilter set aside.</summary>
    public Action<int>? FilesSetAside { get; init; }

    /// <summary>Off when <c>NETSMART_MIGRATE_PREFILTER</c> is <c>off</c> (in any case), else on.</summary>
    public static PrefilterOptions FromEnvironment() =>
        string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable), "off", StringComparison.OrdinalIgnoreCase) ? Off : On;
}
