using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Netsmart.Migrate.Tests.Infrastructure;

/// <summary>A temp folder holding a fixture tree; deleted on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "netsmart-migrate-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        // Stop .editorconfig lookups at the temp folder.
        File.WriteAllText(Path.Combine(Root, ".editorconfig"), "root = true\n");
    }

    public string Root { get; }

    public static string RepositoryRoot { get; } =
        typeof(TempTree).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

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

    /// <summary>Copies a folder of the repository (without bin/obj) into the tree.</summary>
    public string CopyFromRepository(string relativeSource, string relativeTarget)
    {
        string source = Path.Combine(RepositoryRoot, relativeSource);
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
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
