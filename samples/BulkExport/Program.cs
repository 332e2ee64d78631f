using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using BulkExportSample;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using Netsmart.CareConnect;
using Netsmart.CareConnect.BulkData;

// Usage:
//   dotnet run --project samples/BulkExport -- --demo                      (in-process fake tenant on https://127.0.0.1)
//   dotnet run --project samples/BulkExport -- --BulkExport:ClientId=... --BulkExport:PrivateKeyPemFile=key.pem
// Settings come from appsettings.json, section "BulkExport", overridden by --Section:Key=value arguments.
var demo = args.Contains("--demo");
var overrides = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
    .Select(a => a.Substring(2).Split('=', 2))
    .ToDictionary(kv => kv[0], kv => (string?)kv[1]);
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddInMemoryCollection(overrides)
    .Build();
var settings = configuration.GetSection("BulkExport").Get<ExportSettings>() ?? new ExportSettings();

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl+C stops polling at once; the job keeps running and is resumed on the next start.
    e.Cancel = true;
    cancel.Cancel();
};

DemoServer? server = null;
try
{
    CareConnectTenant tenant;
    CareConnectClientCredentials credentials;
    HttpClient http;
    CareConnectHostPolicy hostPolicy;
    if (demo)
    {
        using var demoKey = RSA.Create(2048);
        var signingKey = new RsaSecurityKey(demoKey.ExportParameters(true)) { KeyId = "demo-key" };
        server = await DemoServer.StartAsync(new RsaSecurityKey(demoKey.ExportParameters(false)) { KeyId = "demo-key" });
        tenant = new CareConnectTenant(DemoServer.TenantId).WithOrigin(server.Origin);
        credentials = CareConnectClientCredentials.PrivateKeyJwt(DemoServer.ClientId, signingKey);
        http = server.CreateHttpClient();
        hostPolicy = new CareConnectHostPolicy(new[] { "127.0.0.1" });
        settings.OutputDirectory = Path.Combine(Path.GetTempPath(), "bulk-export-demo");
        File.Delete(Path.Combine(settings.OutputDirectory, ".bulk-job")); // a stopped demo's job died with its server
        settings.GroupId = "demo-group";
        Console.WriteLine("Demo: fake CareConnect tenant on " + server.Origin);
    }
    else
    {
        tenant = CareConnectTenant.Parse(settings.TenantId ?? string.Empty, settings.Environment);
        credentials = Credentials(settings);
        http = new HttpClient();
        hostPolicy = CareConnectHostPolicy.Default;
    }

    using (http)
    {
        // Token requests go over the library's own back channel (never follows redirects); the demo's HttpClient only
        // adds trust in the demo server's self-signed certificate (and follows no redirects either).
        var tokenOptions = new CareConnectTokenClientOptions { HostPolicy = hostPolicy };
        using var tokens = new ClientCredentialsTokenProvider(
            demo ? new CareConnectTokenClient(http, tokenOptions) : new CareConnectTokenClient(tokenOptions),
            tenant.TokenEndpoint,
            credentials,
            settings.Scope);
        var client = new BulkDataClient(http, tenant, tokens, new BulkDataClientOptions { HostPolicy = hostPolicy });
        await RunAsync(client, settings, cancel.Token);
    }

    return 0;
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopped. The export keeps running on the server; start again to resume it.");
    return 2;
}
catch (Exception ex) when (ex is CareConnectException or TimeoutException or FormatException or IOException)
{
    Console.Error.WriteLine("Export failed: " + ex.Message);
    return 1;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }
}

static async Task RunAsync(BulkDataClient client, ExportSettings settings, CancellationToken cancellationToken)
{
    Directory.CreateDirectory(settings.OutputDirectory);
    var state = Path.Combine(settings.OutputDirectory, ".bulk-job");
    BulkExportJob job;
    if (File.Exists(state))
    {
        // A previous run was stopped: continue its job from the persisted status URL.
        job = client.ResumeJob(await File.ReadAllTextAsync(state, cancellationToken));
        Console.WriteLine("Resuming " + job.StatusUrl);
    }
    else
    {
        var request = new BulkExportRequest
        {
            Level = string.IsNullOrEmpty(settings.GroupId) ? BulkExportLevel.System : BulkExportLevel.Group,
            GroupId = string.IsNullOrEmpty(settings.GroupId) ? null : settings.GroupId,
        };
        foreach (var type in (settings.Types ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            request.Types.Add(type);
        }

        Console.WriteLine("Kick-off " + client.GetKickOffUri(request));
        job = await client.StartExportAsync(request, cancellationToken);
        await File.WriteAllTextAsync(state, job.StatusUrl.AbsoluteUri, cancellationToken);
        Console.WriteLine("Status URL " + job.StatusUrl);
    }

    var progress = new ConsoleProgress();
    var manifest = await job.WaitForCompletionAsync(progress, cancellationToken);
    Console.WriteLine("Complete: transactionTime " + manifest.TransactionTime.ToString("O") + ", " + manifest.Output.Count + " output file(s), " + manifest.Error.Count + " error file(s)");

    // One ndjson file per resource type (several manifest files of a type are appended in order).
    var written = new Dictionary<string, long>(StringComparer.Ordinal);
    foreach (var group in manifest.Output.Concat(manifest.Error).Concat(manifest.Deleted).GroupBy(f => (f.Kind, f.Type)))
    {
        var name = group.Key.Kind switch
        {
            BulkExportFileKind.Error => "errors." + group.Key.Type,
            BulkExportFileKind.Deleted => "deleted." + group.Key.Type,
            _ => group.Key.Type,
        };
        var path = Path.Combine(settings.OutputDirectory, name + ".ndjson");
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        long count = 0;
        foreach (var file in group)
        {
            count += await client.DownloadAsync(manifest, file, stream, cancellationToken);
        }

        written[path] = count;
        Console.WriteLine("  " + path + ": " + count + " resource(s)");
    }

    // Tell the server the files may be removed, and forget the job.
    await job.DeleteAsync(cancellationToken);
    File.Delete(state);
    Console.WriteLine("Done: " + written.Values.Sum() + " resource(s) in " + written.Count + " file(s) under " + settings.OutputDirectory);
}

static CareConnectClientCredentials Credentials(ExportSettings settings)
{
    if (string.IsNullOrEmpty(settings.ClientId))
    {
        throw new FormatException("Set BulkExport:ClientId (and PrivateKeyPemFile or ClientSecret) in appsettings.json or as --BulkExport:ClientId=...; or run with --demo.");
    }

    if (!string.IsNullOrEmpty(settings.PrivateKeyPemFile))
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(settings.PrivateKeyPemFile));
        return CareConnectClientCredentials.PrivateKeyJwt(settings.ClientId, new RsaSecurityKey(rsa) { KeyId = string.IsNullOrEmpty(settings.KeyId) ? null : settings.KeyId });
    }

    if (!string.IsNullOrEmpty(settings.ClientSecret))
    {
        return CareConnectClientCredentials.ClientSecret(settings.ClientId, settings.ClientSecret);
    }

    throw new FormatException("Set BulkExport:PrivateKeyPemFile (private_key_jwt) or BulkExport:ClientSecret.");
}

/// <summary>Prints each status poll as it happens.</summary>
internal sealed class ConsoleProgress : IProgress<BulkExportProgress>
{
    public void Report(BulkExportProgress value) =>
        Console.WriteLine(
            "  poll " + value.Attempt + ": " + (int)value.StatusCode +
            (value.XProgress is null ? string.Empty : " " + value.XProgress) +
            (value.IsTransientError ? " (transient, retrying)" : string.Empty) +
            ", next poll in " + value.NextPollIn.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s");
}
