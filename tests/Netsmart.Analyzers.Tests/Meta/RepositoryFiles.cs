using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Netsmart.Analyzers.Tests.Meta;

internal static class RepositoryFiles
{
    public static string Root { get; } = typeof(RepositoryFiles).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Read(params string[] relative) => File.ReadAllText(Path.Combine(new[] { Root }.Concat(relative).ToArray()));

    public static bool Exists(params string[] relative) => File.Exists(Path.Combine(new[] { Root }.Concat(relative).ToArray()));

    /// <summary>The README between the rule-table markers.</summary>
    public static string ReadmeRuleTable()
    {
        string readme = Read("README.md");
        int start = readme.IndexOf("<!-- rules -->", StringComparison.Ordinal);
        int end = readme.IndexOf("<!-- /rules -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md must hold the rule table between <!-- rules --> and <!-- /rules -->.");
        return readme.Substring(start, end - start);
    }
}
