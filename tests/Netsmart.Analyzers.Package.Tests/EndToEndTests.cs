using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Netsmart.Analyzers.Package.Tests.Infrastructure;

namespace Netsmart.Analyzers.Package.Tests;

/// <summary>
/// The package as a user gets it: a consumer project restores it from a feed, `dotnet build` shows the
/// warnings, `-warnaserror` fails, `dotnet format analyzers` rewrites the URLs, and the rebuild is clean.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed partial class EndToEndTests(PackedPackageFixture fixture)
{
    private static readonly string[] RuleIds = ["NSM001", "NSM002", "NSM003", "NSM004", "NSM006", "NSM010", "NSM011"];

    // Lines matter: the expected diagnostics are located in this text (see ExpectedDiagnostics).
    private const string ConsumerSource = """
        namespace Consumer;

        public static class Endpoints
        {
            public static string TenantId { get; set; } = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";

            public static string PatientUrl() => "https://fhir.netsmartcloud.com/uscore/v1/Patient";

            public static string ExportUrl() => "https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/1/$export";

            public static string TokenUrl() => "https://oauth.netsmartcloud.com/token";

            public static string NoTenant() => "https://fhir.netsmartcloud.com/provider/patient-access/v2/Patient";
        }

        public static class Backend
        {
            public static string TenantId { get; set; } = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";

            public static string Grant() => "client_credentials";

            public static string Scope() => "system/Patient.read system/Observation.read";

            public static string Search() => "https://fhir.netsmartcloud.com/uscore/v1/Observation";
        }

        public static class Scopes
        {
            public static string Requested() => "launch/patient openid patient/Patient.sr";
        }

        """;

    private const string FixedSource = """
        namespace Consumer;

        public static class Endpoints
        {
            public static string TenantId { get; set; } = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";

            public static string PatientUrl() => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{TenantId}/Patient";

            public static string ExportUrl() => $"https://fhir.netsmartcloud.com/provider/system-access/v2/{TenantId}/Group/1/$export";

            public static string TokenUrl() => $"https://fhir.netsmartcloud.com/auth/{TenantId}/oauth2/v1/token";

            public static string NoTenant() => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{TenantId}/Patient";
        }

        public static class Backend
        {
            public static string TenantId { get; set; } = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";

            public static string Grant() => "client_credentials";

            public static string Scope() => "system/Patient.rs system/Observation.rs";

            public static string Search() => $"https://fhir.netsmartcloud.com/provider/system-access/v2/{TenantId}/Observation";
        }

        public static class Scopes
        {
            public static string Requested() => "launch/patient openid patient/Patient.rs";
        }

        """;

    // The package's build props add appsettings*.json as AdditionalFiles: the rules run inside them too.
    private const string AppSettings = """
        {
          // Certified v1 settings
          "CareConnect": {
            "BaseUrl": "https://fhir.netsmartcloud.com/uscore/v1"
          }
        }

        """;

    // MSBuild's canonical form: path(line,col[,endLine,endCol]): warning|error ID: message [project]
    [GeneratedRegex(@"(?<file>[^\r\n]*?Endpoints\.cs)\((?<line>\d+),(?<col>\d+)(?:,\d+,\d+)?\): (?<severity>warning|error) (?<id>NSM\d+):")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"appsettings\.json\((?<line>\d+),(?<col>\d+)(?:,\d+,\d+)?\): (?<severity>warning|error) (?<id>NSM\d+):")]
    private static partial Regex AppSettingsDiagnosticLine();

    [GeneratedRegex(@"\b(?<id>CS8032|CS9057|AD0001|CS8784|CS8785|NU1101|NU1102)\b")]
    private static partial Regex AnalyzerLoadProblem();

    [Fact]
    public async Task Consumer_sees_the_warnings_fails_with_warnaserror_and_dotnet_format_fixes_everything()
    {
        fixture.EnsurePacked();
        var consumer = Path.Combine(fixture.TempRoot, "consumer");
        var project = WriteConsumer(consumer);
        var sourcePath = Path.Combine(consumer, "Endpoints.cs");
        var expected = ExpectedDiagnostics(ConsumerSource);
        var environment = new Dictionary<string, string>
        {
            // Nothing from the machine's global packages folder can stand in for what was just packed.
            ["NUGET_PACKAGES"] = Path.Combine(fixture.TempRoot, "consumer-packages"),
        };

        // 1. Plain build: succeeds, with exactly the expected warnings at the literals.
        var build = await Dotnet(consumer, environment, "build", project, "--no-incremental");
        Assert.True(build.ExitCode == 0, "The consumer build failed." + Environment.NewLine + build.Describe());
        AssertAnalyzerLoaded(build);
        Assert.True(
            Directory.Exists(Path.Combine(environment["NUGET_PACKAGES"], "netsmart.analyzers", fixture.Version)),
            $"The consumer did not restore {PackedPackageFixture.PackageId} {fixture.Version} into its isolated folder.{Environment.NewLine}{build.Describe()}");
        AssertDiagnostics(build, "warning", expected);
        AssertAppSettingsDiagnostic(build, "warning");

        // 2. -warnaserror: fails and names the same rules as errors.
        var strict = await Dotnet(consumer, environment, "build", project, "--no-incremental", "-warnaserror");
        Assert.True(strict.ExitCode != 0, "`dotnet build -warnaserror` should fail." + Environment.NewLine + strict.Describe());
        AssertDiagnostics(strict, "error", expected);
        AssertAppSettingsDiagnostic(strict, "error");

        // 3. dotnet format rewrites every URL to v2.
        var format = await Dotnet(
            consumer,
            environment,
            ["format", "analyzers", project, "--diagnostics", .. RuleIds, "--severity", "info", "--verbosity", "detailed"]);
        Assert.True(format.ExitCode == 0, "`dotnet format analyzers` failed." + Environment.NewLine + format.Describe());
        var fixedText = File.ReadAllText(sourcePath);
        if (fixedText != Normalize(FixedSource))
        {
            Assert.Fail(
                $"""
                dotnet format did not produce the expected file.
                ----- expected -----
                {Normalize(FixedSource)}
                ----- actual -----
                {fixedText}
                {format.Describe()}
                """);
        }

        // 4. The rebuild is clean of the rules.
        var rebuild = await Dotnet(consumer, environment, "build", project, "--no-incremental");
        Assert.True(rebuild.ExitCode == 0, "The rebuild after dotnet format failed." + Environment.NewLine + rebuild.Describe());
        AssertAnalyzerLoaded(rebuild);
        // dotnet format does not touch additional files: the JSON finding stays until `netsmart-migrate fix`.
        AssertAppSettingsDiagnostic(rebuild, "warning");
        var leftovers = RuleIds.Where(id => DiagnosticLine().Matches(rebuild.Output).Any(m => m.Groups["id"].Value == id)).ToList();
        Assert.True(
            leftovers.Count == 0,
            $"After dotnet format the build still reports {string.Join(", ", leftovers)}.{Environment.NewLine}{rebuild.Describe()}");
    }

    private static Task<ProcessResult> Dotnet(string directory, Dictionary<string, string> environment, params string[] args) =>
        DotnetCli.RunAsync(
            directory,
            args[0] == "build" ? [.. args, "-tl:off", "-nologo"] : args,
            environment);

    private string WriteConsumer(string directory)
    {
        ConsumerFolder.Create(directory, fixture.FeedDirectory);

        var project = Path.Combine(directory, "Consumer.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedPackageFixture.PackageId}" Version="[{fixture.Version}]" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(directory, "Endpoints.cs"), Normalize(ConsumerSource));
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), Normalize(AppSettings));
        return project;
    }

    /// <summary>The contract: each rule at the opening quote of its literal (1-based, as MSBuild prints).</summary>
    private static List<(string Id, int Line, int Column)> ExpectedDiagnostics(string source)
    {
        var lines = Normalize(source).Split('\n');
        (string Id, int Line, int Column) At(string id, string member)
        {
            var index = Array.FindIndex(lines, l => l.Contains($" {member}() => \"", StringComparison.Ordinal));
            Assert.True(index >= 0, $"{member} not found in the consumer source");
            return (id, index + 1, lines[index].IndexOf('"', StringComparison.Ordinal) + 1);
        }

        return
        [
            At("NSM001", "PatientUrl"),
            At("NSM002", "ExportUrl"),
            At("NSM003", "TokenUrl"),
            At("NSM004", "NoTenant"),
            At("NSM001", "Search"),
            At("NSM006", "Search"),
            At("NSM011", "Requested"),

            // NSM010 is Info: the compiler does not print it in the build output; dotnet format fixes it (--severity info).
        ];
    }

    private static void AssertDiagnostics(ProcessResult result, string severity, List<(string Id, int Line, int Column)> expected)
    {
        // MSBuild repeats each diagnostic in its summary: compare distinct ones.
        var actual = DiagnosticLine().Matches(result.Output)
            .Select(m => (Severity: m.Groups["severity"].Value, Id: m.Groups["id"].Value, Line: int.Parse(m.Groups["line"].Value), Column: int.Parse(m.Groups["col"].Value)))
            .Distinct()
            .OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Line)
            .ToList();
        var wanted = expected
            .Select(e => (Severity: severity, e.Id, e.Line, e.Column))
            .OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Line)
            .ToList();

        if (!wanted.SequenceEqual(actual))
        {
            Assert.Fail(
                $"""
                Expected these NSM diagnostics in Endpoints.cs (severity line,column):
                  {string.Join(Environment.NewLine + "  ", wanted.Select(d => $"{d.Severity} {d.Id} ({d.Line},{d.Column})"))}
                but the build reported:
                  {(actual.Count == 0 ? "<none>" : string.Join(Environment.NewLine + "  ", actual.Select(d => $"{d.Severity} {d.Id} ({d.Line},{d.Column})")))}
                {result.Describe()}
                """);
        }
    }

    /// <summary>NSM001 at the URL inside the JSON string value (line and column of the value's text).</summary>
    private static void AssertAppSettingsDiagnostic(ProcessResult result, string severity)
    {
        var lines = Normalize(AppSettings).Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains("\"BaseUrl\"", StringComparison.Ordinal));
        var expected = (Severity: severity, Id: "NSM001", Line: line + 1, Column: lines[line].IndexOf("https://", StringComparison.Ordinal) + 1);
        var actual = AppSettingsDiagnosticLine().Matches(result.Output)
            .Select(m => (Severity: m.Groups["severity"].Value, Id: m.Groups["id"].Value, Line: int.Parse(m.Groups["line"].Value), Column: int.Parse(m.Groups["col"].Value)))
            .Distinct()
            .ToList();
        Assert.True(
            actual.Count == 1 && actual[0] == expected,
            $"Expected {expected} in appsettings.json, got [{string.Join(", ", actual)}].{Environment.NewLine}{result.Describe()}");
    }

    private static void AssertAnalyzerLoaded(ProcessResult result)
    {
        var problems = AnalyzerLoadProblem().Matches(result.Output).Select(m => m.Value).Distinct().ToList();
        Assert.True(
            problems.Count == 0,
            $"The analyzer did not load or run cleanly ({string.Join(", ", problems)}).{Environment.NewLine}{result.Describe()}");
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n");
}
