using System.Collections.Generic;
using System.Linq;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Knowledge.Tests.Rules;

internal static class ValueEdits
{
    /// <summary>The value with a decision's edits applied (they do not overlap).</summary>
    public static string Apply(string value, IEnumerable<UrlEdit> edits)
    {
        string result = value;
        foreach (UrlEdit edit in edits.OrderByDescending(e => e.Start))
        {
            result = result.Substring(0, edit.Start) + edit.NewText + result.Substring(edit.End);
        }

        return result;
    }
}
