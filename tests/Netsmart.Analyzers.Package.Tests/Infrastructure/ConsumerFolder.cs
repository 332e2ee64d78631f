using System.IO;

namespace Netsmart.Analyzers.Package.Tests.Infrastructure;

/// <summary>A consumer project's folder, cut off from whatever the temp folder sits in and pointed at a test feed.</summary>
internal static class ConsumerFolder
{
    public static void Create(string directory, string feedDirectory)
    {
        Directory.CreateDirectory(directory);

        // Stop MSBuild, central package management and .editorconfig lookups from walking up.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, ".editorconfig"), "root = true\n");

        // Adds the feed; the machine's own sources stay (no <clear/>), as in a user's setup.
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="netsmart-e2e" value="{System.Security.SecurityElement.Escape(feedDirectory)}" />
              </packageSources>
            </configuration>
            """);
    }
}
