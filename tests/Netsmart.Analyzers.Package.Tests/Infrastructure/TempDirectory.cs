using System;
using System.IO;
using System.Linq;

namespace Netsmart.Analyzers.Package.Tests.Infrastructure;

/// <summary>A unique folder under the temp directory, deleted on dispose (set NETSMART_KEEP_TEST_TEMP=1 to keep it).</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(),
            "netsmart-tests",
            $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("NETSMART_KEEP_TEST_TEMP") == "1")
        {
            return;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }

                // Remove the shared parent too once no other run uses it.
                var parent = System.IO.Path.GetDirectoryName(Path);
                if (parent is not null && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
                {
                    Directory.Delete(parent);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                System.Threading.Thread.Sleep(500);
            }
        }
    }
}
