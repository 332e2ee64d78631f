using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace Netsmart.Analyzers;

/// <summary>
/// What the analyzer hands the code fix in <c>Diagnostic.Properties</c>: the source edits to make
/// (absolute positions inside string literal tokens; the new text is the literal's *value* text and
/// may hold the <c>{tenant-id}</c> placeholder) and the configured tenant expression.
/// Shared with the code fixes as linked source.
/// </summary>
internal static class FixProperties
{
    /// <summary>Present (value "1") when the diagnostic can be fixed.</summary>
    public const string Fixable = "Fixable";

    /// <summary>The C# expression configured as the tenant id, if any.</summary>
    public const string TenantExpression = "TenantExpression";

    /// <summary>Present when the fix only replaces a placeholder (NSM005): without a tenant expression there is nothing to do.</summary>
    public const string NeedsTenantExpression = "NeedsTenantExpression";

    /// <summary>The display name of the v2 API the edits write (e.g. "Provider System Access"), when the fix moves a URL to another API.</summary>
    public const string TargetApi = "TargetApi";

    private const string EditCount = "EditCount";

    public static ImmutableDictionary<string, string?> Create(IReadOnlyList<SourceEdit> edits, string? tenantExpression, bool needsTenantExpression, string? targetApi = null)
    {
        ImmutableDictionary<string, string?>.Builder builder = ImmutableDictionary.CreateBuilder<string, string?>();
        if (edits.Count > 0)
        {
            builder[Fixable] = "1";
            builder[EditCount] = edits.Count.ToString(CultureInfo.InvariantCulture);
            for (int i = 0; i < edits.Count; i++)
            {
                string prefix = "Edit" + i.ToString(CultureInfo.InvariantCulture);
                builder[prefix + ".Start"] = edits[i].Span.Start.ToString(CultureInfo.InvariantCulture);
                builder[prefix + ".Length"] = edits[i].Span.Length.ToString(CultureInfo.InvariantCulture);
                builder[prefix + ".Text"] = edits[i].NewValueText;
            }
        }

        if (!string.IsNullOrWhiteSpace(tenantExpression))
        {
            builder[TenantExpression] = tenantExpression!.Trim();
        }

        if (needsTenantExpression)
        {
            builder[NeedsTenantExpression] = "1";
        }

        if (targetApi != null && edits.Count > 0)
        {
            builder[TargetApi] = targetApi;
        }

        return builder.ToImmutable();
    }

    public static List<SourceEdit> ReadEdits(ImmutableDictionary<string, string?> properties)
    {
        var edits = new List<SourceEdit>();
        if (!properties.TryGetValue(EditCount, out string? countText) ||
            !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            return edits;
        }

        for (int i = 0; i < count; i++)
        {
            string prefix = "Edit" + i.ToString(CultureInfo.InvariantCulture);
            if (properties.TryGetValue(prefix + ".Start", out string? s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int start) &&
                properties.TryGetValue(prefix + ".Length", out string? l) && int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out int length) &&
                properties.TryGetValue(prefix + ".Text", out string? text) && text != null)
            {
                edits.Add(new SourceEdit(new TextSpan(start, length), text));
            }
        }

        return edits;
    }
}

/// <summary>Replace <see cref="Span"/> (inside one literal token) with the literal value text <see cref="NewValueText"/>.</summary>
internal readonly struct SourceEdit
{
    public SourceEdit(TextSpan span, string newValueText)
    {
        Span = span;
        NewValueText = newValueText;
    }

    public TextSpan Span { get; }

    public string NewValueText { get; }
}
