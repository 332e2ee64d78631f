using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Netsmart.Analyzers.Package.Tests.Infrastructure;

/// <summary>
/// Packs one project of the repository once per test run, with a version no other run has used, into a temp feed
/// folder. The build uses its own --artifacts-path, so it never writes to the repository's bin/obj (other test
/// assemblies load those DLLs at the same time), and no stale copy in any NuGet cache can stand in for it.
/// </summary>
public abstract class PackedProjectFixture : IAsyncLifetime
{
    private readonly TempFolder _root;
    private readonly string _projectPath;
    private ProcessResult? _packResult;
    private Exception? _packException;

    protected PackedProjectFixture(string packageId, string projectPath, string tempPrefix)
    {
        PackageId = packageId;
        _projectPath = projectPath;
        _root = new TempFolder(tempPrefix);
    }

    public string PackageId { get; }

    public string Version { get; } = "0.0.0-e2e.g" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Root of this run's temp folder; tests write their consumers under it.</summary>
    public string TempRoot => _root.Root;

    /// <summary>A local folder feed that holds the package.</summary>
    public string FeedDirectory => _root.PathOf("feed");

    public string PackagePath => Path.Combine(FeedDirectory, $"{PackageId}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        try
        {
            Directory.CreateDirectory(FeedDirectory);
            _packResult = await DotnetCli.RunAsync(
                RepositoryRoot.Path,
                [
                    "pack", _projectPath,
                    "-c", "Release",
                    "-o", FeedDirectory,
                    "--artifacts-path", _root.PathOf("artifacts"),
                    $"-p:PackageVersion={Version}",
                    "-tl:off",
                    "-nologo",
                ]).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _packException = e;
        }
    }

    /// <summary>The packed .nupkg, or a failure that carries the whole pack output.</summary>
    public string EnsurePacked()
    {
        if (_packException is not null)
        {
            throw new InvalidOperationException("dotnet pack could not be run.", _packException);
        }

        if (_packResult is null || _packResult.ExitCode != 0 || !File.Exists(PackagePath))
        {
            var found = Directory.Exists(FeedDirectory)
                ? string.Join(", ", Directory.GetFiles(FeedDirectory).Select(Path.GetFileName))
                : "<no feed folder>";
            Assert.Fail(
                $"Packing {PackageId} {Version} failed or produced no {Path.GetFileName(PackagePath)} " +
                $"(feed holds: {found}).{Environment.NewLine}{_packResult?.Describe()}");
        }

        return PackagePath;
    }

    /// <summary>The pack output, for tests that check what pack itself said (warnings).</summary>
    internal ProcessResult? PackResult => _packResult;

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
