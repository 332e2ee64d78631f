namespace Netsmart.Knowledge.Urls;

/// <summary>Tells a tenant id from a placeholder, a template, a resource name or a mistake.</summary>
internal static class NetsmartTenantSegment
{
    /// <summary>The placeholder the code fixes write when no tenant expression is available.</summary>
    public const string Placeholder = "{tenant-id}";

    /// <summary>Classifies the segment <c>text[start..end)</c> that stands where a tenant id belongs.</summary>
    public static TenantSegmentState Classify(string text, int start, int end)
    {
        int length = end - start;
        if (length <= 0)
        {
            return TenantSegmentState.Missing;
        }

        if (IsUuid(text, start, end))
        {
            return TenantSegmentState.Present;
        }

        char first = text[start];
        if (first == '{')
        {
            // {{tenant-id}}: the placeholder escaped in a composite format string or a log message template.
            if (length > 4 && text[start + 1] == '{' && text[end - 2] == '}' && text[end - 1] == '}' && IsTenantName(text, start + 2, end - 2))
            {
                return TenantSegmentState.Placeholder;
            }

            return text[end - 1] == '}' && IsTenantName(text, start + 1, end - 1)
                ? TenantSegmentState.Placeholder
                : TenantSegmentState.Dynamic;
        }

        if (NetsmartUrlScanner.At(text, start, "%7B"))
        {
            return length > 6 && NetsmartUrlScanner.At(text, end - 3, "%7D") && IsTenantName(text, start + 3, end - 3)
                ? TenantSegmentState.Placeholder
                : TenantSegmentState.Dynamic;
        }

        if (first == '$' || NetsmartUrlScanner.At(text, start, "%24"))
        {
            // $export is an operation (the tenant is missing); ${TENANT} is a template.
            int next = first == '$' ? start + 1 : start + 3;
            return next < end && IsAsciiLetter(text[next]) ? TenantSegmentState.Missing : TenantSegmentState.Dynamic;
        }

        if (first == '<' || first == '[' || first == ':' || first == '%' || first == '@' || text.IndexOf('{', start, length) >= 0)
        {
            return TenantSegmentState.Dynamic;
        }

        if (first == '_' || first == '.' || Is(text, start, end, "metadata"))
        {
            return TenantSegmentState.Missing; // _search, _history, .well-known, metadata
        }

        return IsResourceTypeLike(text, start, end) ? TenantSegmentState.Missing : TenantSegmentState.Malformed;
    }

    /// <summary>8-4-4-4-12 hexadecimal digits.</summary>
    public static bool IsUuid(string text, int start, int end)
    {
        if (end - start != 36)
        {
            return false;
        }

        for (int i = 0; i < 36; i++)
        {
            char ch = text[start + i];
            if (i == 8 || i == 13 || i == 18 || i == 23)
            {
                if (ch != '-')
                {
                    return false;
                }
            }
            else if (!IsHex(ch))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsUuid(string text) => text != null && IsUuid(text, 0, text.Length);

    private static bool IsTenantName(string text, int start, int end)
    {
        // tenant, tenant-id, tenantId, tenant_id, TENANT_ID, tenant id
        var letters = new System.Text.StringBuilder(end - start);
        for (int i = start; i < end; i++)
        {
            char ch = text[i];
            if (ch == '-' || ch == '_' || ch == ' ')
            {
                continue;
            }

            if (!IsAsciiLetter(ch))
            {
                return false;
            }

            letters.Append(char.ToLowerInvariant(ch));
        }

        string name = letters.ToString();
        return name == "tenant" || name == "tenantid";
    }

    private static bool IsResourceTypeLike(string text, int start, int end)
    {
        if (!(text[start] >= 'A' && text[start] <= 'Z'))
        {
            return false;
        }

        for (int i = start + 1; i < end; i++)
        {
            if (!IsAsciiLetter(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Is(string text, int start, int end, string value) =>
        end - start == value.Length && string.CompareOrdinal(text, start, value, 0, value.Length) == 0;

    private static bool IsHex(char ch) => (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');

    private static bool IsAsciiLetter(char ch) => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
