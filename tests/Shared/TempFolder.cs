using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace Netsmart.Tests.Shared;

/// <summary>
/// A unique folder under the temp directory (<c>netsmart-tests/&lt;prefix&gt;-&lt;id&gt;</c>), holding a root
/// <c>.editorconfig</c> so that no configuration above it applies; deleted on dispose, unless NETSMART_KEEP_TEST_TEMP=1.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public TempFolder(string prefix = "tree")
    {
        Root = Path.Combine(Path.GetTempPath(), "netsmart-tests", prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, ".editorconfig"), "root = true\n");
    }

    public string Root { get; }

    /// <summary>The full path of a relative one (forward slashes allowed); nothing is created.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes UTF-8 (no BOM) text, with its line endings as given.</summary>
    public string Write(string relative, string text) => WriteBytes(relative, Utf8NoBom.GetBytes(text));

    public string WriteBytes(string relative, byte[] bytes)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public byte[] ReadBytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>Copies a folder of the repository (without bin/obj) into this folder.</summary>
    public string CopyFromRepository(string relativeSource, string relativeTarget)
    {
        string source = RepositoryRoot.Combine(relativeSource);
        string target = PathOf(relativeTarget);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(source, file);
            if (rel.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || rel.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            string destination = Path.Combine(target, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("NETSMART_KEEP_TEST_TEMP") == "1")
        {
            return;
        }

        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(Root))
                {
                    Directory.Delete(Root, recursive: true);
                }

                // The shared parent goes too once no other run uses it.
                string? parent = Path.GetDirectoryName(Root);
                if (parent is not null && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
                {
                    Directory.Delete(parent);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(500); // a child process (dotnet build) may still hold a file
            }
        }
    }
}
