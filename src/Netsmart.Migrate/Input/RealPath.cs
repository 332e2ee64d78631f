using System;
using System.IO;

namespace Netsmart.Migrate.Input;

/// <summary>Resolves symbolic links (of the file and of every folder above it) to the real file a write reaches.</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The path with every link resolved; throws <see cref="IOException"/> on a loop or a dangling link.</summary>
    public static string Of(string path)
    {
        int links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    public static bool IsLink(string path) => new FileInfo(path).LinkTarget != null;

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or inside it (both real paths).</summary>
    public static bool IsUnder(string path, string directory)
    {
        string folder = Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar;
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.StartsWith(folder, comparison);
    }

    private static string Resolve(string full, ref int links)
    {
        string root = Path.GetPathRoot(full)!;
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            string? target = new FileInfo(next).LinkTarget;
            if (target != null)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"too many levels of symbolic links at '{next}'");
                }

                next = Resolve(Path.GetFullPath(target, current), ref links);
            }

            current = next;
        }

        return current;
    }
}
