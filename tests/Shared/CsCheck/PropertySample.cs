using System;
using CsCheck;

namespace Netsmart.Tests.Shared;

/// <summary>
/// Deterministic property checks: one CsCheck sample, from a fixed seed, of an array of inputs, so every run sees
/// exactly the same inputs and the time is bounded by the array size. NETSMART_PROPERTY_COUNT raises the counts
/// that go through <see cref="Count"/>.
/// </summary>
internal static class PropertySample
{
    public const string Seed = "0N0XIzNsQ0O2";

    /// <summary>How many inputs a property sees: <paramref name="defaultCount"/>, or NETSMART_PROPERTY_COUNT when set.</summary>
    public static int Count(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("NETSMART_PROPERTY_COUNT"), out int count) && count > 0 ? count : defaultCount;

    /// <summary>The same <paramref name="count"/> inputs on every run.</summary>
    public static T[] Sample<T>(Gen<T> gen, int count)
    {
        T[] items = Array.Empty<T>();
        gen.Array[count].Sample(a => items = a, seed: Seed, iter: 1, threads: 1);
        return items;
    }

    /// <summary>Asserts <paramref name="assert"/> for each of <paramref name="count"/> inputs; a failure names its input.</summary>
    public static void ForAll<T>(Gen<T> gen, Action<T> assert, int count = 1000)
    {
        foreach (T item in Sample(gen, count))
        {
            try
            {
                assert(item);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException("Failing input: " + Show(item) + Environment.NewLine + ex.Message);
            }
        }
    }

    private static string Show<T>(T item)
    {
        string text = item?.ToString() ?? "(null)";
        return "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t") + "\"";
    }
}
