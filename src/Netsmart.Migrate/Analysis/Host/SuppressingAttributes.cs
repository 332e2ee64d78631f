using System;

namespace Netsmart.Migrate.Analysis.Host;

/// <summary>
/// The attributes by which the analyzer driver removes findings that the light host does not reproduce:
/// <c>[SuppressMessage]</c> (and <c>[UnconditionalSuppressMessage]</c>; assembly-level ones reach any file) and
/// <c>[GeneratedCode]</c> (on any part of a partial type). The light host hands a tree with findings to the driver when the
/// compilation mentions one; the prefilter keeps every file that mentions one, since it may act on another file.
/// </summary>
internal static class SuppressingAttributes
{
    /// <summary>The texts a source file that applies one of them holds (an attribute may be written without its suffix).</summary>
    public static readonly string[] Names = { "SuppressMessage", "GeneratedCode" };

    /// <summary>True when the text names one of <see cref="Names"/>.</summary>
    public static bool Mentioned(string text)
    {
        foreach (string name in Names)
        {
            if (text.IndexOf(name, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
