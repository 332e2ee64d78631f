namespace Netsmart.Knowledge.Urls;

/// <summary>
/// One minimal text edit: replace <see cref="Length"/> characters at <see cref="Start"/> with
/// <see cref="NewText"/>. A zero length is an insertion. <see cref="NewText"/> may hold the
/// <see cref="NetsmartTenantSegment.Placeholder"/>, which the caller may swap for a tenant.
/// </summary>
internal readonly struct UrlEdit
{
    public UrlEdit(int start, int length, string newText)
    {
        Start = start;
        Length = length;
        NewText = newText;
    }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public string NewText { get; }

    /// <summary>True when the new text holds the tenant placeholder.</summary>
    public bool HasTenantPlaceholder => NewText.IndexOf(NetsmartTenantSegment.Placeholder, System.StringComparison.Ordinal) >= 0;

    public override string ToString() => "[" + Start + ".." + End + ") -> \"" + NewText + "\"";
}
