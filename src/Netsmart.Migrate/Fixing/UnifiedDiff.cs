using System;
using System.Collections.Generic;
using System.IO;
using DiffPlex;
using DiffPlex.Model;

namespace Netsmart.Migrate.Fixing;

/// <summary>A unified diff (three lines of context), as <c>diff -u</c> and <c>git diff</c> print it.</summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static void Write(TextWriter writer, string relativePath, string oldText, string newText)
    {
        DiffResult diff = Differ.Instance.CreateLineDiffs(oldText, newText, ignoreWhitespace: false, ignoreCase: false);
        if (diff.DiffBlocks.Count == 0)
        {
            return;
        }

        IReadOnlyList<string> oldLines = diff.PiecesOld;
        IReadOnlyList<string> newLines = diff.PiecesNew;
        writer.WriteLine($"--- a/{relativePath}");
        writer.WriteLine($"+++ b/{relativePath}");
        int index = 0;
        while (index < diff.DiffBlocks.Count)
        {
            // Blocks closer than two contexts apart share a hunk.
            int last = index;
            while (last + 1 < diff.DiffBlocks.Count &&
                   diff.DiffBlocks[last + 1].DeleteStartA - (diff.DiffBlocks[last].DeleteStartA + diff.DiffBlocks[last].DeleteCountA) <= 2 * Context)
            {
                last++;
            }

            DiffBlock first = diff.DiffBlocks[index];
            DiffBlock final = diff.DiffBlocks[last];
            int startA = Math.Max(0, first.DeleteStartA - Context);
            int endA = Math.Min(oldLines.Count, final.DeleteStartA + final.DeleteCountA + Context);
            int startB = first.InsertStartB - (first.DeleteStartA - startA);
            int endB = final.InsertStartB + final.InsertCountB + (endA - (final.DeleteStartA + final.DeleteCountA));
            writer.WriteLine($"@@ -{Range(startA, endA - startA)} +{Range(startB, endB - startB)} @@");
            int a = startA;
            for (int i = index; i <= last; i++)
            {
                DiffBlock block = diff.DiffBlocks[i];
                for (; a < block.DeleteStartA; a++)
                {
                    writer.WriteLine(" " + oldLines[a]);
                }

                for (int d = 0; d < block.DeleteCountA; d++)
                {
                    writer.WriteLine("-" + oldLines[block.DeleteStartA + d]);
                }

                for (int n = 0; n < block.InsertCountB; n++)
                {
                    writer.WriteLine("+" + newLines[block.InsertStartB + n]);
                }

                a = block.DeleteStartA + block.DeleteCountA;
            }

            for (; a < endA; a++)
            {
                writer.WriteLine(" " + oldLines[a]);
            }

            index = last + 1;
        }
    }

    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";
}
