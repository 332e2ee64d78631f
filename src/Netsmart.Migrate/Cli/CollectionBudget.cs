using System;

namespace Netsmart.Migrate.Cli;

/// <summary>
/// Lets the tool's own process load and analyse its input without garbage collections. Nearly everything allocated then
/// stays alive to the end of the run (source texts, syntax trees, compilations), so a collection frees little and copies
/// the live trees from generation to generation, pausing the parse. A no-GC region sized from the source skips them; past
/// the budget the runtime collects as usual. The measurements behind the sizes: docs/performance.md, "Figures behind
/// netsmart-migrate's settings".
/// </summary>
internal static class CollectionBudget
{
    /// <summary>Bytes reserved per source character: above what a scan was measured to allocate, so the region is rarely outgrown.</summary>
    private const long BytesPerSourceChar = 64;
    private const long MinimumBytes = 64L << 20;

    /// <summary>At most this much, so that a large input does not ask the runtime for more than a machine may grant.</summary>
    private const long MaximumBytes = 2L << 30;

    /// <summary>About 20,000 lines: below this, a few short collections, nothing to gain.</summary>
    private const long SmallInputChars = 1L << 20;

    /// <summary>
    /// Set by the tool's entry point only: a host process (the tests run the tool in process) keeps its own collection
    /// policy.
    /// </summary>
    public static bool Enabled { get; set; }

    /// <summary>
    /// After <c>scan</c>'s prefilter (which starts no region): the trees it parsed and the texts of the files it set aside are garbage now, and those of the kept files
    /// are not made yet, so a collection is as cheap as it will get. Made here, it spares the load of the kept files the one
    /// that would otherwise fall there with their trees alive, and copy them.
    /// </summary>
    public static void CollectAfterPrefilter(long sourceChars)
    {
        if (!Enabled || sourceChars < SmallInputChars)
        {
            return;
        }

        // A full collection: the texts of the files set aside, dropped by now, were moved to the oldest generation before the prefilter.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
    }

    /// <summary>Source characters parsed by the prefilter between two of its collections (about 35 MB of garbage trees).</summary>
    private const long PrefilterStepChars = 4L << 20;

    /// <summary>
    /// Before <c>scan</c>'s prefilter: the source texts just read stay alive to the end; one collection now moves them out
    /// of the young generations, so that the prefilter's collections (<see cref="AfterPrefilterParse"/>) do not copy them.
    /// </summary>
    public static void BeforePrefilter(long sourceChars)
    {
        if (Enabled && sourceChars >= SmallInputChars)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        }
    }

    /// <summary>
    /// During <c>scan</c>'s prefilter, which parses every file and drops its tree at once: a generation-0 collection each
    /// <see cref="PrefilterStepChars"/> characters, so the dead trees do not pile up into the process's peak memory. It costs
    /// little: what is alive then is the few trees being parsed and the small file summaries.
    /// </summary>
    /// <param name="parsedChars">The characters parsed so far, the file just parsed included.</param>
    /// <param name="fileChars">The characters of that file.</param>
    public static void AfterPrefilterParse(long parsedChars, long fileChars)
    {
        if (Enabled && parsedChars / PrefilterStepChars != (parsedChars - fileChars) / PrefilterStepChars)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        }
    }

    /// <summary>Starts a no-GC region for what loading and analysing <paramref name="sourceChars"/> characters allocates.</summary>
    public static void Reserve(long sourceChars)
    {
        if (!Enabled || sourceChars < SmallInputChars)
        {
            return;
        }

        long budget = Math.Clamp(MinimumBytes + (sourceChars * BytesPerSourceChar), MinimumBytes, MaximumBytes);
        try
        {
            GC.TryStartNoGCRegion(budget);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // More than the runtime can grant (a heap hard limit in a container), or a region already started: the
            // usual collections.
        }
    }
}
