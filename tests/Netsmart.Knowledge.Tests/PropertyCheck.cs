using CsCheck;

namespace Netsmart.Knowledge.Tests;

/// <summary>Helpers of the knowledge core's property tests (the sampler itself is the shared <c>PropertySample</c>).</summary>
internal static class PropertyCheck
{
    /// <summary>Strings built from the given pieces, concatenated.</summary>
    public static Gen<string> Pieces(int maxCount, params string[] pieces) =>
        Gen.OneOf(pieces).Array[0, maxCount].Select(a => string.Concat(a));
}
