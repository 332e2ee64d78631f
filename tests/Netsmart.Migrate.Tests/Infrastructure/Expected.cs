using System;
using System.IO;

namespace Netsmart.Migrate.Tests.Infrastructure;

/// <summary>
/// Exact expected outputs, kept as files under <c>Expected/</c>. Run the tests with
/// <c>NETSMART_MIGRATE_UPDATE_EXPECTED=1</c> to rewrite them from the actual output (then review the diff).
/// </summary>
internal static class Expected
{
    public static void Matches(string name, string actual)
    {
        string source = Path.Combine(RepositoryRoot.Path, "tests", "Netsmart.Migrate.Tests", "Expected", name);
        if (Environment.GetEnvironmentVariable("NETSMART_MIGRATE_UPDATE_EXPECTED") == "1")
        {
            File.WriteAllText(source, actual);
            return;
        }

        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Expected", name)).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }
}
