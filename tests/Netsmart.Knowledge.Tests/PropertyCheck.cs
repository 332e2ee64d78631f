using System;
using System.Diagnostics;
using CsCheck;

namespace Netsmart.Knowledge.Tests;

/// <summary>Helpers of the knowledge core's property tests (the sampler itself is the shared <c>PropertySample</c>).</summary>
internal static class PropertyCheck
{
    /// <summary>Runs <paramref name="action"/> and fails when it takes longer than <paramref name="limit"/>.</summary>
    public static void FinishesWithin(TimeSpan limit, Action warmUp, Action action, string what)
    {
        warmUp(); // JIT and static initialisation are not the behaviour under test
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        Assert.True(sw.Elapsed < limit, what + " took " + sw.ElapsedMilliseconds + " ms (limit " + limit.TotalMilliseconds + " ms)");
    }

    /// <summary>Strings built from the given pieces, concatenated.</summary>
    public static Gen<string> Pieces(int maxCount, params string[] pieces) =>
        Gen.OneOf(pieces).Array[0, maxCount].Select(a => string.Concat(a));
}
