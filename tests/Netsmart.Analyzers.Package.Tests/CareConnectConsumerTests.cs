using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Netsmart.Analyzers.Package.Tests.Infrastructure;

namespace Netsmart.Analyzers.Package.Tests;

/// <summary>
/// Netsmart.CareConnect as its users get it: the packed nupkg restored from a feed into fresh consumer projects of
/// every kind the package supports, each built with <c>TreatWarningsAsErrors</c> (NuGet's own warnings such as
/// NU1605 "package downgrade" included), and run where the project is an application. Project references would
/// hide every one of these failures: the dependency graph a consumer restores exists only for a package.
/// </summary>
[Collection(PackedCareConnectCollection.Name)]
public sealed class CareConnectConsumerTests(PackedCareConnectFixture fixture)
{
    private const string TenantId = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
    private const string TokenEndpoint = $"https://fhir.netsmartcloud.com/auth/{TenantId}/oauth2/v1/token";
    private const string SystemAccessBase = $"https://fhir.netsmartcloud.com/provider/system-access/v2/{TenantId}/";
    private const string PatientAccessBase = $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{TenantId}/";

    private const string TenantProgram = $$"""
        using System;
        using Netsmart.CareConnect;

        var tenant = CareConnectTenant.Parse("{{TenantId}}");
        Console.WriteLine(tenant.TokenEndpoint);
        Console.WriteLine(tenant.GetFhirBaseAddress(CareConnectApi.ProviderPatientAccess));
        """;

    [Fact]
    public async Task Net10_console_app_restores_builds_warning_free_and_runs()
    {
        var consumer = WriteConsumer("net10-app", "net10.0", "Microsoft.NET.Sdk", isExe: true, [("Program.cs", TenantProgram)]);

        await BuildAsync(consumer);
        AssertLibraryAsset(consumer, "net10.0", "lib/net10.0/Netsmart.CareConnect.dll");
        var output = await RunAsync(consumer, "net10.0");

        Assert.Equal([TokenEndpoint, PatientAccessBase], output);
    }

    [Fact]
    public async Task Net8_console_app_with_dependency_injection_restores_builds_warning_free_and_runs()
    {
        const string program = """
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using Netsmart.CareConnect;

            var services = new ServiceCollection();
            services.AddCareConnect(options =>
            {
                options.TenantId = "43477c76-ceb6-47ed-81c8-1b7c0ae10ca6";
                options.Api = CareConnectApi.ProviderSystemAccess;
                options.ClientId = "my-v2-client";
                options.ClientSecret = "not-a-real-secret";
                options.Scope = "system/Patient.rs";
            });
            services.AddCareConnectHttpClient();
            using var provider = services.BuildServiceProvider();
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(CareConnectServiceCollectionExtensions.DefaultClientName);
            Console.WriteLine(provider.GetRequiredService<CareConnectTenant>().TokenEndpoint);
            Console.WriteLine(http.BaseAddress);
            """;
        var consumer = WriteConsumer(
            "net8-app",
            "net8.0",
            "Microsoft.NET.Sdk",
            isExe: true,
            [("Program.cs", program)],
            extraPackages: [("Microsoft.Extensions.DependencyInjection", "8.0.1")]);

        await BuildAsync(consumer);
        AssertLibraryAsset(consumer, "net8.0", "lib/net8.0/Netsmart.CareConnect.dll");
        var output = await RunAsync(consumer, "net8.0");

        Assert.Equal([TokenEndpoint, SystemAccessBase], output);
    }

    [Fact]
    public async Task Netstandard20_library_restores_and_builds_warning_free()
    {
        var consumer = WriteConsumer("ns20-lib", "netstandard2.0", "Microsoft.NET.Sdk", isExe: false, [("Endpoints.cs", LibrarySource)]);

        await BuildAsync(consumer);

        AssertLibraryAsset(consumer, "netstandard2.0", "lib/netstandard2.0/Netsmart.CareConnect.dll");
    }

    [Fact]
    public async Task Net472_library_restores_and_builds_warning_free_through_the_netstandard_build()
    {
        var consumer = WriteConsumer("net472-lib", "net472", "Microsoft.NET.Sdk", isExe: false, [("Endpoints.cs", LibrarySource)]);

        await BuildAsync(consumer);

        AssertLibraryAsset(consumer, "net472", "lib/netstandard2.0/Netsmart.CareConnect.dll");
    }

    [Fact]
    public async Task AspNetCore_app_registers_through_dependency_injection_validates_at_start_up_and_runs()
    {
        const string program = """
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCareConnect(builder.Configuration);
            builder.Services.AddCareConnectHttpClient();
            var app = builder.Build();
            app.MapGet("/", () => "ok");

            // Start runs the options validation registered with ValidateOnStart; port 0 binds nothing fixed.
            await app.StartAsync();
            var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(CareConnectServiceCollectionExtensions.DefaultClientName);
            Console.WriteLine(http.BaseAddress);
            await app.StopAsync();
            """;
        const string settings = $$"""
            {
              "Logging": { "LogLevel": { "Default": "Warning" } },
              "CareConnect": {
                "TenantId": "{{TenantId}}",
                "Api": "ProviderSystemAccess",
                "ClientId": "my-v2-client",
                "ClientSecret": "not-a-real-secret",
                "Scope": "system/Patient.rs"
              }
            }
            """;
        var consumer = WriteConsumer("web-app", "net10.0", "Microsoft.NET.Sdk.Web", isExe: true, [("Program.cs", program), ("appsettings.json", settings)]);

        await BuildAsync(consumer);
        AssertLibraryAsset(consumer, "net10.0", "lib/net10.0/Netsmart.CareConnect.dll");
        var output = await RunAsync(consumer, "net10.0", "--urls", "http://127.0.0.1:0");

        Assert.Equal([SystemAccessBase], output);
    }

    [Fact]
    public async Task AspNetCore_app_with_invalid_settings_fails_at_start_up_naming_the_option()
    {
        const string program = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCareConnect(builder.Configuration);
            var app = builder.Build();
            await app.StartAsync();
            await app.StopAsync();
            """;
        const string settings = """
            { "Logging": { "LogLevel": { "Default": "Warning" } }, "CareConnect": { "TenantId": "acme", "ClientId": "my-v2-client", "ClientSecret": "x" } }
            """;
        var consumer = WriteConsumer("web-invalid", "net10.0", "Microsoft.NET.Sdk.Web", isExe: true, [("Program.cs", program), ("appsettings.json", settings)]);

        await BuildAsync(consumer);
        var run = await DotnetCli.RunAsync(consumer, [Path.Combine("bin", "Release", "net10.0", "web-invalid.dll"), "--urls", "http://127.0.0.1:0"]);

        Assert.True(run.ExitCode != 0, "A start-up with an invalid tenant id should fail." + Environment.NewLine + run.Describe());
        Assert.Contains("OptionsValidationException", run.Output, StringComparison.Ordinal);
        Assert.Contains("TenantId", run.Output, StringComparison.Ordinal);
    }

    private const string LibrarySource = """
        using System;
        using Netsmart.CareConnect;

        public static class Endpoints
        {
            public static Uri Token(string tenantId) => CareConnectTenant.Parse(tenantId).TokenEndpoint;
        }
        """;

    private string WriteConsumer(
        string name,
        string targetFramework,
        string sdk,
        bool isExe,
        (string Path, string Text)[] files,
        (string Id, string Version)[]? extraPackages = null)
    {
        fixture.EnsurePacked();
        var directory = Path.Combine(fixture.TempRoot, name);
        ConsumerFolder.Create(directory, fixture.FeedDirectory);

        var packages = string.Concat((extraPackages ?? []).Select(p =>
            $"""{Environment.NewLine}    <PackageReference Include="{p.Id}" Version="{p.Version}" />"""));
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <TargetFramework>{targetFramework}</TargetFramework>
                <OutputType>{(isExe ? "Exe" : "Library")}</OutputType>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <!-- Every warning is an error, NuGet's included (NU1605 downgrades, NU1603 missing versions, NU190x advisories). -->
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedCareConnectFixture.PackageId}" Version="[{fixture.Version}]" />{packages}
              </ItemGroup>
            </Project>
            """);

        foreach (var (path, text) in files)
        {
            File.WriteAllText(Path.Combine(directory, path), text);
        }

        return directory;
    }

    private static async Task BuildAsync(string consumer)
    {
        var build = await DotnetCli.RunAsync(consumer, ["build", "-c", "Release", "-tl:off", "-nologo"]);
        Assert.True(build.ExitCode == 0, "The consumer build failed." + Environment.NewLine + build.Describe());
        Assert.DoesNotContain(" warning ", build.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<string[]> RunAsync(string consumer, string targetFramework, params string[] arguments)
    {
        var dll = Path.Combine("bin", "Release", targetFramework, Path.GetFileName(consumer) + ".dll");
        var run = await DotnetCli.RunAsync(
            consumer,
            [dll, .. arguments],
            // A machine with only a newer runtime (this SDK's) still runs the net8.0 app; where 8.0 is
            // installed, Major roll-forward picks it.
            new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" },
            TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, "The consumer app failed." + Environment.NewLine + run.Describe());
        return run.StandardOutput.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The restore took this run's package, and NuGet chose the expected build of it for the target.</summary>
    private void AssertLibraryAsset(string consumer, string assetsTarget, string expectedAsset)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json")));
        var target = assets.RootElement.GetProperty("targets").EnumerateObject().Single(t => t.Name == assetsTarget || t.Name.StartsWith(assetsTarget + "/", StringComparison.Ordinal));
        var library = target.Value.GetProperty($"{PackedCareConnectFixture.PackageId}/{fixture.Version}");
        var compile = library.GetProperty("compile").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal([expectedAsset], compile);
    }
}
