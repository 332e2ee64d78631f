namespace Netsmart.Knowledge.Urls;

/// <summary>Reads the first few path segments of a URL, plain (<c>/</c>) or percent-encoded (<c>%2F</c>).</summary>
internal struct SegmentCursor
{
    private const int MaxSegments = 5;

    private readonly string _text;
    private readonly bool _encoded;
    private readonly int _separatorLength;
    private int _s0, _s1, _s2, _s3, _s4;
    private int _e0, _e1, _e2, _e3, _e4;

    public SegmentCursor(string text, bool encoded, int position)
    {
        _text = text;
        _encoded = encoded;
        _separatorLength = encoded ? 3 : 1;
        Position = position;
        Count = 0;
        HitHole = false;
        _s0 = _s1 = _s2 = _s3 = _s4 = 0;
        _e0 = _e1 = _e2 = _e3 = _e4 = 0;
    }

    /// <summary>Where reading stopped: the end of the last segment read.</summary>
    public int Position { get; private set; }

    public int Count { get; private set; }

    /// <summary>True when reading stopped at a run-time hole.</summary>
    public bool HitHole { get; private set; }

    /// <summary>Reads up to five segments; returns how many.</summary>
    public int ReadSegments()
    {
        string text = _text;
        if (Position < text.Length && text[Position] == NetsmartUrlScanner.Hole)
        {
            HitHole = true;
            return 0;
        }

        while (Count < MaxSegments && IsSeparator(Position))
        {
            int start = Position + _separatorLength;
            int end = start;
            while (end < text.Length && !IsSegmentEnd(end))
            {
                end++;
            }

            Set(Count, start, end);
            Count++;
            Position = end;
            if (end < text.Length && text[end] == NetsmartUrlScanner.Hole)
            {
                HitHole = true;
                break;
            }
        }

        return Count;
    }

    public int Start(int index) => index switch { 0 => _s0, 1 => _s1, 2 => _s2, 3 => _s3, _ => _s4 };

    public int End(int index) => index switch { 0 => _e0, 1 => _e1, 2 => _e2, 3 => _e3, _ => _e4 };

    public int Length(int index) => End(index) - Start(index);

    /// <summary>True when segment <paramref name="index"/> runs into a run-time hole.</summary>
    public bool FollowedByHole(int index) => HitHole && index == Count - 1;

    /// <summary>Case-insensitive, whole-segment comparison.</summary>
    public bool Is(int index, string value) =>
        index < Count && Length(index) == value.Length &&
        string.Compare(_text, Start(index), value, 0, value.Length, System.StringComparison.OrdinalIgnoreCase) == 0;

    public bool StartsWith(int index, string value) =>
        index < Count && Length(index) >= value.Length &&
        string.Compare(_text, Start(index), value, 0, value.Length, System.StringComparison.OrdinalIgnoreCase) == 0;

    private void Set(int index, int start, int end)
    {
        switch (index)
        {
            case 0: _s0 = start; _e0 = end; break;
            case 1: _s1 = start; _e1 = end; break;
            case 2: _s2 = start; _e2 = end; break;
            case 3: _s3 = start; _e3 = end; break;
            default: _s4 = start; _e4 = end; break;
        }
    }

    private bool IsSeparator(int position) =>
        _encoded ? NetsmartUrlScanner.At(_text, position, "%2F") : position < _text.Length && _text[position] == '/';

    private bool IsSegmentEnd(int position)
    {
        char ch = _text[position];
        if (NetsmartUrlScanner.IsUrlTerminator(ch) || ch == '?' || ch == '#' || ch == '&')
        {
            return true;
        }

        if (!_encoded)
        {
            return ch == '/';
        }

        if (ch == '/' || ch == '+')
        {
            return true;
        }

        return ch == '%' && (NetsmartUrlScanner.At(_text, position, "%2F") || NetsmartUrlScanner.At(_text, position, "%3F") ||
            NetsmartUrlScanner.At(_text, position, "%23") || NetsmartUrlScanner.At(_text, position, "%26") ||
            NetsmartUrlScanner.At(_text, position, "%20"));
    }
}
