using System;
using System.Collections.Generic;

namespace Netsmart.Knowledge.Urls;

/// <summary>
/// Finds Netsmart CareConnect URLs in arbitrary text (a string literal, the text parts of an
/// interpolated string, a JSON value) and classifies each one. Linear in the length of the text;
/// allocation-free when the text holds no Netsmart host.
/// </summary>
/// <remarks>
/// Text that is only known at run time (an interpolation hole, a non-constant operand of a
/// concatenation) is represented by the <see cref="Hole"/> character: a URL never continues
/// through a hole, and a tenant segment that is a hole is <see cref="TenantSegmentState.Dynamic"/>.
/// </remarks>
internal static class NetsmartUrlScanner
{
    /// <summary>Stands for text that is only known at run time.</summary>
    public const char Hole = '\uFFFF';

    private const string Domain = "netsmartcloud.com";
    private static readonly NetsmartUrlMatch[] None = new NetsmartUrlMatch[0];

    private static readonly string[] HostLabels = { "fhirtest", "oauthtest", "fhir", "oauth" };

    /// <summary>The cheapest possible precheck: can this text hold a Netsmart URL at all?</summary>
    public static bool MayContainNetsmartUrl(string text) =>
        text.IndexOf("netsmartcloud", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>
    /// The paths of a Certified URL that code writes apart from its Netsmart host (<c>string.Concat(Host, "/uscore/v1/…")</c>,
    /// <c>new Uri(new Uri(Host), "uscore/v1/…")</c>): the v1 API path, and the v2 API and authorization paths (so that a
    /// fixed call is still checked for its tenant). Compared ignoring case.
    /// </summary>
    public static readonly string[] SplitPartPaths = { "uscore/v1", "access/v2", "oauth2/v1" };

    /// <summary>The cheapest test for a split part: can this text hold one of <see cref="SplitPartPaths"/>?</summary>
    public static bool MayContainSplitPart(string text)
    {
        foreach (string path in SplitPartPaths)
        {
            if (text.IndexOf(path, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every Netsmart URL in <paramref name="text"/>, in order of appearance.</summary>
    public static IReadOnlyList<NetsmartUrlMatch> FindAll(string text)
    {
        if (text is null)
        {
            return None;
        }

        List<NetsmartUrlMatch>? result = null;
        var ends = new UrlEnds(); // nested URLs share their end: each character is scanned for it once
        int from = 0;
        while (from < text.Length)
        {
            int i = text.IndexOf(Domain, from, StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                break;
            }

            NetsmartUrlMatch? match = TryMatchAt(text, i, ref ends);
            if (match is null)
            {
                from = i + Domain.Length;
                continue;
            }

            (result ??= new List<NetsmartUrlMatch>()).Add(match);
            from = i + Domain.Length; // URLs nest: an encoded aud inside a query string is a URL of its own
        }

        return result is null ? None : (IReadOnlyList<NetsmartUrlMatch>)result;
    }

    /// <summary>Classifies a whole string that is expected to be one URL (leading/trailing white space ignored).</summary>
    public static NetsmartUrlMatch? Classify(string url)
    {
        if (url is null)
        {
            return null;
        }

        IReadOnlyList<NetsmartUrlMatch> all = FindAll(url);
        if (all.Count != 1)
        {
            return null;
        }

        NetsmartUrlMatch m = all[0];
        return url.Substring(0, m.Start).Trim().Length == 0 && url.Substring(m.End).Trim().Length == 0 ? m : null;
    }

    private static NetsmartUrlMatch? TryMatchAt(string text, int domainIndex, ref UrlEnds ends)
    {
        // The first label: fhir, fhirtest, oauth or oauthtest, immediately before ".netsmartcloud.com".
        if (domainIndex < 2 || text[domainIndex - 1] != '.')
        {
            return null;
        }

        int dot = domainIndex - 1;
        if (!TryReadLabel(text, dot, out int labelStart, out bool isAuthHost, out NetsmartEnvironment environment))
        {
            return null;
        }

        int labelLength = dot - labelStart;

        // The host must end after ".com" (not netsmartcloud.com.example, not netsmartcloud.community).
        int hostEnd = domainIndex + Domain.Length;
        if (hostEnd < text.Length && (IsLabelChar(text[hostEnd]) || text[hostEnd] == '.'))
        {
            return null;
        }

        var match = new NetsmartUrlMatch(text)
        {
            Environment = environment,
            HostLabelStart = labelStart,
            HostLabelLength = labelLength,
        };

        if (!ReadSchemeAndAuthorityStart(text, labelStart, match))
        {
            return null;
        }

        // Schemeless host: the separator that follows decides whether it is encoded.
        if (match.Start == labelStart && At(text, hostEnd, "%2F"))
        {
            match.IsEncoded = true;
            match.Separator = text.Substring(hostEnd, 3);
        }

        int pathStart = SkipPort(text, hostEnd, match.IsEncoded);
        match.PathStart = pathStart;

        var cursor = new SegmentCursor(text, match.IsEncoded, pathStart);
        if (isAuthHost)
        {
            ClassifyAuthServerPath(match, ref cursor);
        }
        else
        {
            ClassifyFhirHostPath(match, ref cursor);
        }

        match.End = match.IsEncoded
            ? ends.Encoded.Find(text, cursor.Position, true, out bool endsInHole)
            : ends.Plain.Find(text, cursor.Position, false, out endsInHole);
        match.HasDynamicRest |= endsInHole || cursor.HitHole;
        if (match.BaseEnd < match.PathStart || match.BaseEnd > match.End)
        {
            match.BaseEnd = match.Kind == NetsmartUrlKind.NotMigrating ? match.End : match.PathStart;
        }

        return match;
    }

    private static bool TryReadLabel(string text, int dot, out int labelStart, out bool isAuthHost, out NetsmartEnvironment environment)
    {
        // Longest first: "fhirtest" before "fhir". The label must start the host: nothing label-like
        // before it, except the "2F" of an encoded "%2F".
        foreach (string label in HostLabels)
        {
            int start = dot - label.Length;
            if (!At(text, start, label))
            {
                continue;
            }

            if (start > 0 && IsLabelChar(text[start - 1]) && !At(text, start - 3, "%2F"))
            {
                continue;
            }

            if (start > 0 && text[start - 1] == '.')
            {
                continue; // x.fhir.netsmartcloud.com
            }

            labelStart = start;
            isAuthHost = label[0] == 'o';
            environment = label.EndsWith("test", StringComparison.Ordinal) ? NetsmartEnvironment.Preview : NetsmartEnvironment.Production;
            return true;
        }

        labelStart = -1;
        isAuthHost = false;
        environment = NetsmartEnvironment.Production;
        return false;
    }

    private static bool ReadSchemeAndAuthorityStart(string text, int labelStart, NetsmartUrlMatch match)
    {
        if (labelStart >= 2 && text[labelStart - 1] == '/' && text[labelStart - 2] == '/')
        {
            int slashes = labelStart - 2;
            match.Start = slashes;
            if (At(text, slashes - 6, "https:"))
            {
                match.SchemeStart = slashes - 6;
            }
            else if (At(text, slashes - 5, "http:"))
            {
                match.SchemeStart = slashes - 5;
                match.IsHttp = true;
            }
            else if (slashes > 0 && (IsSchemeChar(text[slashes - 1]) || text[slashes - 1] == ':'))
            {
                return false; // another scheme (ftp://...) or something that is not a URL
            }

            if (match.SchemeStart >= 0)
            {
                match.Start = match.SchemeStart;
                if (match.SchemeStart > 0 && IsSchemeChar(text[match.SchemeStart - 1]))
                {
                    return false; // "xhttps://"
                }
            }

            return true;
        }

        if (labelStart >= 6 && At(text, labelStart - 6, "%2F%2F"))
        {
            int slashes = labelStart - 6;
            match.IsEncoded = true;
            match.Separator = text.Substring(labelStart - 3, 3);
            match.Start = slashes;
            if (At(text, slashes - 8, "https%3A"))
            {
                match.SchemeStart = slashes - 8;
            }
            else if (At(text, slashes - 7, "http%3A"))
            {
                match.SchemeStart = slashes - 7;
                match.IsHttp = true;
            }
            else if (slashes > 0 && (IsSchemeChar(text[slashes - 1]) || At(text, slashes - 3, "%3A")))
            {
                return false;
            }

            if (match.SchemeStart >= 0)
            {
                match.Start = match.SchemeStart;
                if (match.SchemeStart > 0 && IsSchemeChar(text[match.SchemeStart - 1]))
                {
                    return false;
                }
            }

            return true;
        }

        if (labelStart == 0 || IsSchemelessBoundary(text[labelStart - 1]))
        {
            match.Start = labelStart;
            return true;
        }

        return false;
    }

    private static int SkipPort(string text, int hostEnd, bool encoded)
    {
        int p;
        if (!encoded && hostEnd < text.Length && text[hostEnd] == ':')
        {
            p = hostEnd + 1;
        }
        else if (encoded && At(text, hostEnd, "%3A"))
        {
            p = hostEnd + 3;
        }
        else
        {
            return hostEnd;
        }

        int digits = p;
        while (digits < text.Length && text[digits] >= '0' && text[digits] <= '9')
        {
            digits++;
        }

        return digits > p ? digits : hostEnd;
    }

    private static void ClassifyAuthServerPath(NetsmartUrlMatch match, ref SegmentCursor cursor)
    {
        match.Kind = NetsmartUrlKind.V1AuthorizationServer;
        int count = cursor.ReadSegments();
        if (count == 0 || (count == 1 && cursor.Length(0) == 0))
        {
            // Root, with or without the trailing slash (or followed by a run-time path).
            match.AuthEndpoint = V1AuthEndpoint.Root;
            match.BaseEnd = match.PathStart;
            return;
        }

        bool onlyTrailingSlashAfter = count == 1 || (count == 2 && cursor.Length(1) == 0);
        if (onlyTrailingSlashAfter && !cursor.FollowedByHole(0) && cursor.Is(0, "authorize"))
        {
            match.AuthEndpoint = V1AuthEndpoint.Authorize;
            match.BaseEnd = cursor.End(0);
            return;
        }

        if (onlyTrailingSlashAfter && !cursor.FollowedByHole(0) && cursor.Is(0, "token"))
        {
            match.AuthEndpoint = V1AuthEndpoint.Token;
            match.BaseEnd = cursor.End(0);
            return;
        }

        // /terms, /userinfo, ... : not part of the certified migration.
        match.Kind = NetsmartUrlKind.NotMigrating;
        match.NonMigratingApi = NonMigratingApi.OtherPath;
    }

    private static void ClassifyFhirHostPath(NetsmartUrlMatch match, ref SegmentCursor c)
    {
        int count = c.ReadSegments();
        if (count == 0 || (count == 1 && c.Length(0) == 0 && !c.FollowedByHole(0)))
        {
            match.Kind = NetsmartUrlKind.HostOnly;
            match.BaseEnd = match.PathStart;
            return;
        }

        if (count >= 2 && c.Is(0, "uscore") && !c.FollowedByHole(0) && c.Is(1, "v1"))
        {
            match.V1PathStart = match.PathStart;
            if (count >= 3 && !c.FollowedByHole(1) && c.Is(2, "bulk-data"))
            {
                match.Kind = NetsmartUrlKind.V1BulkData;
                match.BaseEnd = c.End(2);
                match.IsExportPollStatus = count >= 4 && !c.FollowedByHole(2) &&
                    (c.StartsWith(3, "$export-poll-status") || c.StartsWith(3, "%24export-poll-status"));
            }
            else
            {
                match.Kind = NetsmartUrlKind.V1PatientAccess;
                match.BaseEnd = c.End(1);
            }

            return;
        }

        if (count >= 3 && !c.FollowedByHole(0) && !c.FollowedByHole(1) && c.Is(2, "v2"))
        {
            NetsmartV2Api api = V2ApiOf(ref c);
            if (api != NetsmartV2Api.None)
            {
                match.Kind = NetsmartUrlKind.V2Fhir;
                match.V2Api = api;
                match.V2ApiSegmentStart = c.Start(1);
                match.V2ApiSegmentLength = c.Length(1);
                ClassifyTenant(match, ref c, 3, c.End(2));
                return;
            }
        }

        if (c.Is(0, "auth") && !c.FollowedByHole(0))
        {
            if (count >= 3 && c.Is(1, "oauth2") && !c.FollowedByHole(1) && c.Is(2, "v1"))
            {
                match.Kind = NetsmartUrlKind.V2Authorization;
                match.TenantState = TenantSegmentState.Missing;
                match.TenantStart = c.End(0);
                match.BaseEnd = c.End(2);
                return;
            }

            if (count >= 2 && c.FollowedByHole(1))
            {
                match.Kind = NetsmartUrlKind.V2Authorization;
                match.TenantState = TenantSegmentState.Dynamic;
                match.TenantStart = c.Start(1);
                match.TenantLength = c.Length(1);
                match.BaseEnd = c.End(1);
                return;
            }

            if (count >= 4 && !c.FollowedByHole(2) && c.Is(2, "oauth2") && c.Is(3, "v1"))
            {
                match.Kind = NetsmartUrlKind.V2Authorization;
                match.TenantState = NetsmartTenantSegment.Classify(match.SourceText, c.Start(1), c.End(1));
                match.TenantStart = c.Start(1);
                match.TenantLength = c.Length(1);
                if (match.TenantState == TenantSegmentState.Missing)
                {
                    // "/auth/Patient/oauth2/v1" is not a shape anybody writes: call it malformed.
                    match.TenantState = TenantSegmentState.Malformed;
                }

                match.BaseEnd = c.End(3);
                return;
            }
        }

        match.Kind = NetsmartUrlKind.NotMigrating;
        match.NonMigratingApi = NonMigratingApiOf(ref c, count);
    }

    private static NetsmartV2Api V2ApiOf(ref SegmentCursor c)
    {
        bool provider = c.Is(0, "provider");
        bool payer = c.Is(0, "payer");
        bool patient = c.Is(1, "patient-access");
        bool system = c.Is(1, "system-access");
        if (provider && patient)
        {
            return NetsmartV2Api.ProviderPatientAccess;
        }

        if (provider && system)
        {
            return NetsmartV2Api.ProviderSystemAccess;
        }

        if (payer && patient)
        {
            return NetsmartV2Api.PayerPatientAccess;
        }

        return payer && system ? NetsmartV2Api.PayerSystemAccess : NetsmartV2Api.None;
    }

    private static NonMigratingApi NonMigratingApiOf(ref SegmentCursor c, int count)
    {
        if (c.Is(0, "v4"))
        {
            return count >= 2 && c.Is(1, "PatientImage") ? NonMigratingApi.PatientImage : NonMigratingApi.GeneralPurposeR4;
        }

        if (c.Is(0, "fhir"))
        {
            return NonMigratingApi.GeneralPurposeStu3;
        }

        if (c.Is(0, "ccd"))
        {
            return NonMigratingApi.Ccd;
        }

        if (c.Is(0, "brand"))
        {
            return NonMigratingApi.Brands;
        }

        if (c.Is(0, "developers"))
        {
            return NonMigratingApi.DeveloperPortal;
        }

        return count >= 2 && c.Is(0, "payer") && c.Is(1, "provider-directory")
            ? NonMigratingApi.ProviderDirectory
            : NonMigratingApi.OtherPath;
    }

    private static void ClassifyTenant(NetsmartUrlMatch match, ref SegmentCursor c, int index, int insertAt)
    {
        if (c.Count <= index)
        {
            // Nothing after ".../v2": missing, unless the rest is filled in at run time.
            bool dynamic = c.HitHole && c.Count == index;
            match.TenantState = dynamic ? TenantSegmentState.Dynamic : TenantSegmentState.Missing;
            match.TenantStart = insertAt;
            match.TenantLength = 0;
            match.BaseEnd = insertAt;
            return;
        }

        if (c.FollowedByHole(index))
        {
            // "{tenant-id}" or a UUID followed by run-time text is still a placeholder or a tenant;
            // anything else may be completed at run time ("/v2/" + tenant).
            TenantSegmentState partial = c.Length(index) == 0
                ? TenantSegmentState.Dynamic
                : NetsmartTenantSegment.Classify(match.SourceText, c.Start(index), c.End(index));
            match.TenantState = partial == TenantSegmentState.Placeholder || partial == TenantSegmentState.Present
                ? partial
                : TenantSegmentState.Dynamic;
            match.TenantStart = c.Start(index);
            match.TenantLength = c.Length(index);
            match.BaseEnd = c.End(index);
            return;
        }

        TenantSegmentState state = NetsmartTenantSegment.Classify(match.SourceText, c.Start(index), c.End(index));
        match.TenantState = state;
        if (state == TenantSegmentState.Missing)
        {
            match.TenantStart = insertAt;
            match.TenantLength = 0;
            match.BaseEnd = insertAt;
        }
        else
        {
            match.TenantStart = c.Start(index);
            match.TenantLength = c.Length(index);
            match.BaseEnd = c.End(index);
        }
    }

    private static int FindUrlEnd(string text, int position, bool encoded, out bool endsInHole)
    {
        int p = position;
        while (p < text.Length)
        {
            char ch = text[p];
            if (ch == Hole)
            {
                endsInHole = true;
                return p;
            }

            if (IsUrlTerminator(ch) || (encoded && (ch == '&' || ch == '+' || ch == '#')))
            {
                break;
            }

            p++;
        }

        endsInHole = false;
        return p;
    }

    /// <summary>The last URL end found, plain and encoded: FindAll stays linear when URLs nest or repeat without a break.</summary>
    private struct UrlEnds
    {
        public UrlEndCache Plain;
        public UrlEndCache Encoded;
    }

    private struct UrlEndCache
    {
        private int _from;
        private int _end;
        private bool _endsInHole;
        private bool _valid;

        /// <summary>
        /// <see cref="FindUrlEnd"/>, remembered: when an earlier scan started at or before <paramref name="position"/>
        /// and stopped at or after it, no stop character lies in between, so the answer is the same.
        /// </summary>
        public int Find(string text, int position, bool encoded, out bool endsInHole)
        {
            if (!_valid || position < _from || position > _end)
            {
                _from = position;
                _end = FindUrlEnd(text, position, encoded, out _endsInHole);
                _valid = true;
            }

            endsInHole = _endsInHole;
            return _end;
        }
    }

    internal static bool IsUrlTerminator(char ch) =>
        ch <= ' ' || ch == '"' || ch == '\'' || ch == '<' || ch == '>' || ch == '`' || ch == '\\' ||
        ch == '\u00A0' || ch == Hole || char.IsWhiteSpace(ch);

    internal static bool IsLabelChar(char ch) =>
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-';

    private static bool IsSchemeChar(char ch) =>
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '+' || ch == '.' || ch == '-';

    private static bool IsSchemelessBoundary(char ch) =>
        IsUrlTerminator(ch) || ch == '=' || ch == '(' || ch == '[' || ch == ',' || ch == ';' || ch == '|' || ch == '{' || ch == '}';

    /// <summary>Case-insensitive comparison of <paramref name="value"/> at <paramref name="index"/>; false when out of range.</summary>
    internal static bool At(string text, int index, string value) =>
        index >= 0 && index + value.Length <= text.Length &&
        string.Compare(text, index, value, 0, value.Length, StringComparison.OrdinalIgnoreCase) == 0;
}
