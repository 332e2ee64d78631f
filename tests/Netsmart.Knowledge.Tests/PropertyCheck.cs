using System;
using System.Diagnostics;
using CsCheck;

namespace Netsmart.Knowledge.Tests
{
    /// <summary>
    /// Deterministic property checks: one CsCheck sample, from a fixed seed, of an array of inputs, so every
    /// run sees exactly the same inputs and the time is bounded by the array size.
    /// </summary>
    internal static class PropertyCheck
    {
        public const string Seed = "0N0XIzNsQ0O2";

        public static void ForAll<T>(Gen<T> gen, Action<T> assert, int count = 1000)
        {
            gen.Array[count].Sample(
                items =>
                {
                    foreach (var item in items)
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
                },
                seed: Seed,
                iter: 1,
                threads: 1);
        }

        private static string Show<T>(T item)
        {
            string text = item?.ToString() ?? "(null)";
            return "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t") + "\"";
        }

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
}
