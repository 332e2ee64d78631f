using System;
using System.IO;

namespace Netsmart.Analyzers.Tests.Meta;

internal static class RepositoryFiles
{
    public static string Read(params string[] relative) => File.ReadAllText(RepositoryRoot.Combine(relative));

    public static bool Exists(params string[] relative) => File.Exists(RepositoryRoot.Combine(relative));

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
