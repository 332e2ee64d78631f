using System;
using System.Collections.Generic;
using System.IO;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Fixing;

/// <summary>
/// Which changed files <c>fix</c> writes, and where: a symbolic link is written through to its real file (once, however
/// many links reach it), unless the real file is outside the input's folder; read-only files (version-control locks)
/// are left untouched. What is not written is added to the problems, with the reason and what to do.
/// </summary>
internal sealed class WritePlan
{
    private WritePlan()
    {
    }

    /// <summary>The changes to write (or to show in a dry run), in the outcome's order.</summary>
    public List<FileChange> Writes { get; } = new();

    /// <summary>The real file each write goes to (the change's own path unless it is reached through a link).</summary>
    public Dictionary<FileChange, string> Targets { get; } = new();

    /// <summary>For a change reached through a link: its real file, relative to the input's folder.</summary>
    public Dictionary<FileChange, string> LinkTargets { get; } = new();

    /// <summary>Changes whose real file another change already writes (two links, or a link and the file itself).</summary>
    public List<(FileChange Change, FileChange First)> SameFile { get; } = new();

    public static WritePlan For(IReadOnlyList<FileChange> changes, string rootDirectory, List<InputProblem> problems)
    {
        var plan = new WritePlan();
        string realRoot;
        try
        {
            realRoot = RealPath.Of(rootDirectory);
        }
        catch (IOException)
        {
            realRoot = rootDirectory;
        }

        var byTarget = new Dictionary<string, FileChange>(StringComparer.Ordinal);
        foreach (FileChange change in changes)
        {
            string path = change.Original.Path;
            string target;
            try
            {
                target = RealPath.Of(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new InputProblem(path, "cannot resolve the file's symbolic link (" + e.Message + "); left untouched"));
                continue;
            }

            // Through a link when the real file is not where the path says (a link above the input's folder, such as a
            // linked temp folder, moves both alike and is no link of the input's).
            bool viaLink = !string.Equals(
                Path.GetRelativePath(realRoot, target),
                Path.GetRelativePath(rootDirectory, path),
                StringComparison.Ordinal);
            if (viaLink && !RealPath.IsUnder(target, realRoot))
            {
                problems.Add(new InputProblem(path, $"a symbolic link to '{target}', outside the scanned folder; left untouched: run fix on a folder that holds the real file"));
                continue;
            }

            if (IsReadOnly(target))
            {
                problems.Add(new InputProblem(path, "read-only (locked by version control?); left untouched: check it out for edit (tf checkout, p4 edit) or make it writable, then run fix again"));
                continue;
            }

            if (byTarget.TryGetValue(target, out FileChange? first))
            {
                if (!string.Equals(first.NewText, change.NewText, StringComparison.Ordinal))
                {
                    problems.Add(new InputProblem(path, $"reaches the same file as {first.RelativePath} (a symbolic link) but its fixes differ; left to the first one"));
                }
                else
                {
                    plan.SameFile.Add((change, first));
                }

                continue;
            }

            byTarget[target] = change;
            plan.Writes.Add(change);
            plan.Targets[change] = target;
            if (viaLink)
            {
                plan.LinkTargets[change] = Path.GetRelativePath(realRoot, target).Replace(Path.DirectorySeparatorChar, '/');
            }
        }

        return plan;
    }

    /// <summary>By the file's permission bits (attributes on Windows), not by a failing write: an administrator can write anything.</summary>
    internal static bool IsReadOnly(string path)
    {
        try
        {
            return OperatingSystem.IsWindows()
                ? (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0
                : (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the write reports it
        }
    }
}
