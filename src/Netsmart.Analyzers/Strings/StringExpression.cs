using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Netsmart.Knowledge.Urls;

namespace Netsmart.Analyzers.Strings;

internal enum StringPartKind
{
    /// <summary>A string literal (any form, UTF-8 included): its text can be rewritten.</summary>
    Literal,

    /// <summary>A text part of an interpolated string: its text can be rewritten.</summary>
    InterpolatedText,

    /// <summary>A constant whose text is known but is written elsewhere (a const field or local, a char literal...).</summary>
    Opaque,

    /// <summary>Only known at run time (an interpolation hole, a non-constant operand).</summary>
    Hole,
}

/// <summary>One piece of a string expression and where its text sits in the combined value.</summary>
internal sealed class StringPart
{
    private LiteralTextMap? _map;
    private bool _mapCreated;

    public StringPart(StringPartKind kind, int valueStart, int valueLength, SyntaxNode node, SyntaxToken token)
    {
        Kind = kind;
        ValueStart = valueStart;
        ValueLength = valueLength;
        Node = node;
        Token = token;
    }

    public StringPartKind Kind { get; }

    public int ValueStart { get; }

    public int ValueLength { get; }

    public int ValueEnd => ValueStart + ValueLength;

    /// <summary>The leaf expression of the concatenation this part belongs to (the literal, the interpolated string, the operand).</summary>
    public SyntaxNode Node { get; }

    /// <summary>The literal or interpolated-text token (default for opaque parts and holes).</summary>
    public SyntaxToken Token { get; }

    public bool IsRewritable => Kind == StringPartKind.Literal || Kind == StringPartKind.InterpolatedText;

    /// <summary>True when the part's value is a compile-time constant.</summary>
    public bool IsConstant => Kind == StringPartKind.Literal || Kind == StringPartKind.Opaque;

    public LiteralTextMap? Map
    {
        get
        {
            if (!_mapCreated)
            {
                _map = IsRewritable ? LiteralTextMap.Create(Token) : null;
                _mapCreated = true;
            }

            return _map;
        }
    }
}

/// <summary>
/// A string-valued expression flattened into its parts: a literal, an interpolated string, or a
/// concatenation of those with constants and run-time values. <see cref="Text"/> is the combined
/// value with <see cref="NetsmartUrlScanner.Hole"/> standing for each run-time part.
/// </summary>
internal sealed class StringExpression
{
    private StringExpression(ExpressionSyntax root, string text, List<StringPart> parts)
    {
        Root = root;
        Text = text;
        Parts = parts;
    }

    public ExpressionSyntax Root { get; }

    public string Text { get; }

    public IReadOnlyList<StringPart> Parts { get; }

    private PartTree? _tree;

    /// <summary>
    /// For a resolved URI: an edit that starts with the '/' the base ends with (and writes one there) starts after it
    /// instead, so that it lies in the relative literal (<c>"…/" + "uscore/v1"</c> → <c>"…/" + "provider/…"</c>).
    /// </summary>
    private bool _shiftsLeadingSeparator;

    /// <summary>The path expression of a composite URI: its concatenation nodes get part ranges too.</summary>
    private ExpressionSyntax? _subRoot;

    /// <summary>True when <paramref name="node"/> is an operand of a larger string concatenation (that one is analyzed instead).</summary>
    public static bool IsInsideConcatenation(SyntaxNode node)
    {
        SyntaxNode? parent = node.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        return parent != null && parent.IsKind(SyntaxKind.AddExpression);
    }

    /// <summary>
    /// Flattens a literal, an interpolated string or an outermost <c>+</c> expression. Returns null when
    /// it is not a string, or when no literal part can hold a Netsmart URL (cheap syntax-only precheck;
    /// the semantic model is asked only for the constant operands of concatenations that may).
    /// </summary>
    public static StringExpression? Create(ExpressionSyntax root, SemanticModel? semanticModel, ConstantHints hints, CancellationToken cancellationToken)
    {
        // First pass, allocation-free: what the leaves are, and whether a literal part can hold a match.
        var scan = new LeafScan(hints.HasHint);
        WalkLeaves(root, ref scan);

        // Nothing written here could be (part of) a match: done, without any semantic work, unless a constant
        // declared elsewhere may hold one.
        if (!scan.AnyHint && !ConstantOperandMayHoldHint(root, in scan, semanticModel, hints, cancellationToken))
        {
            return null;
        }

        return Flatten(root, scan.AnyStringLiteral, semanticModel, hints, cancellationToken);
    }

    /// <summary>
    /// When no literal part passes the hint: true when an operand that is a constant declared elsewhere may still make a
    /// match. Syntax, the declaration table and source constant values answer first; the semantic model is asked here
    /// only about a sum of constants (one question, for the whole sum).
    /// </summary>
    private static bool ConstantOperandMayHoldHint(ExpressionSyntax root, in LeafScan scan, SemanticModel? semanticModel, ConstantHints hints, CancellationToken cancellationToken)
    {
        if (!scan.AnyOther || semanticModel is null)
        {
            return false;
        }

        if (scan.AnyStringLiteral)
        {
            // "literal" + constant: only worth a look when a literal carries a path.
            if (!scan.AnyPathCharacter)
            {
                return false;
            }
        }
        else if (scan.AnyNumericLiteral)
        {
            return false;
        }

        // Only an operand that may be a constant holding the hint can make a match: ask the semantic model
        // nothing unless one may (syntax, the declaration table and source constant values tell).
        if (!AnyLeafMayHoldHint(root, hints))
        {
            return false;
        }

        return scan.AnyStringLiteral || ConstantSumHoldsHint(root, semanticModel, hints, cancellationToken);
    }

    /// <summary>
    /// Constant + constant: one question to the semantic model, and only for a string constant (none when an operand is
    /// a local, a call...: the sum is then no constant).
    /// </summary>
    private static bool ConstantSumHoldsHint(ExpressionSyntax root, SemanticModel semanticModel, ConstantHints hints, CancellationToken cancellationToken)
    {
        if (ConstantLeaves.Classify(root, hints, root) == LeafConstness.NotConstant)
        {
            return false;
        }

        Optional<object?> whole = semanticModel.GetConstantValue(root, cancellationToken);
        return whole.HasValue && whole.Value is string wholeText && hints.HasHint(wholeText);
    }

    /// <summary>The parts of <paramref name="root"/>, left to right; null when no part is a string (<c>1 + 2</c>, <c>x + y</c>).</summary>
    private static StringExpression? Flatten(ExpressionSyntax root, bool anyStringLiteral, SemanticModel? semanticModel, ConstantHints hints, CancellationToken cancellationToken)
    {
        var leaves = new List<ExpressionSyntax>();
        CollectLeaves(root, leaves);
        var text = new StringBuilder();
        var parts = new List<StringPart>(leaves.Count);
        bool anyString = AppendLeaves(leaves, root, parts, text, semanticModel, hints, cancellationToken) | anyStringLiteral;
        return anyString ? new StringExpression(root, text.ToString(), parts) : null;
    }

    /// <summary>Appends the parts of <paramref name="leaves"/>; true when a non-literal leaf is a string constant.</summary>
    private static bool AppendLeaves(List<ExpressionSyntax> leaves, SyntaxNode scope, List<StringPart> parts, StringBuilder text, SemanticModel? semanticModel, ConstantHints hints, CancellationToken cancellationToken)
    {
        Dictionary<string, Optional<object?>>? constants = null;
        bool anyString = false;
        foreach (ExpressionSyntax leaf in leaves)
        {
            switch (leaf)
            {
                case LiteralExpressionSyntax literal when IsStringLiteral(literal):
                    Add(parts, text, StringPartKind.Literal, literal.Token.ValueText, literal, literal.Token);
                    break;
                case InterpolatedStringExpressionSyntax interpolated:
                    AppendInterpolated(interpolated, scope, parts, text, semanticModel, hints, ref constants, cancellationToken);
                    break;
                case LiteralExpressionSyntax charLiteral when charLiteral.IsKind(SyntaxKind.CharacterLiteralExpression):
                    Add(parts, text, StringPartKind.Opaque, charLiteral.Token.ValueText, charLiteral, default);
                    break;
                default:
                    anyString |= AppendOperand(leaf, scope, parts, text, semanticModel, hints, ref constants, cancellationToken);
                    break;
            }
        }

        return anyString;
    }

    /// <summary>The text parts of an interpolated string, its constant plain holes as opaque parts, its other holes as holes.</summary>
    private static void AppendInterpolated(InterpolatedStringExpressionSyntax interpolated, SyntaxNode scope, List<StringPart> parts, StringBuilder text, SemanticModel? semanticModel, ConstantHints hints, ref Dictionary<string, Optional<object?>>? constants, CancellationToken cancellationToken)
    {
        foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
        {
            if (content is InterpolatedStringTextSyntax textPart)
            {
                Add(parts, text, StringPartKind.InterpolatedText, LiteralTextMap.UnescapedValueText(textPart.TextToken), interpolated, textPart.TextToken);
            }
            else if (semanticModel != null && content is InterpolationSyntax hole && IsPlainHole(hole) &&
                ConstantLeaves.Classify(hole.Expression, hints, scope) == LeafConstness.MaybeConstant &&
                ConstantValue(hole.Expression, scope, semanticModel, ref constants, cancellationToken) is { HasValue: true, Value: string holeValue })
            {
                // A constant hole reads like a constant operand of '+': its text is known, written elsewhere.
                Add(parts, text, StringPartKind.Opaque, holeValue, interpolated, default);
            }
            else
            {
                Add(parts, text, StringPartKind.Hole, NetsmartUrlScanner.Hole.ToString(), interpolated, default);
            }
        }
    }

    /// <summary>An operand that is neither a string nor a char literal: an opaque part when it is a string constant (then true), else a hole.</summary>
    private static bool AppendOperand(ExpressionSyntax leaf, SyntaxNode scope, List<StringPart> parts, StringBuilder text, SemanticModel? semanticModel, ConstantHints hints, ref Dictionary<string, Optional<object?>>? constants, CancellationToken cancellationToken)
    {
        Optional<object?> constant = semanticModel is null || leaf is LiteralExpressionSyntax ||
            ConstantLeaves.Classify(leaf, hints, scope) == LeafConstness.NotConstant
            ? default
            : ConstantValue(leaf, scope, semanticModel, ref constants, cancellationToken);
        if (constant.HasValue && constant.Value is string s)
        {
            Add(parts, text, StringPartKind.Opaque, s, leaf, default);
            return true;
        }

        Add(parts, text, StringPartKind.Hole, NetsmartUrlScanner.Hole.ToString(), leaf, default);
        return false;
    }

    /// <summary>True when a literal or interpolated-text part of <paramref name="expression"/> (a concatenation) passes <paramref name="test"/> (syntax only).</summary>
    public static bool AnyLiteralMatches(ExpressionSyntax expression, System.Func<string, bool> test)
    {
        var scan = new LeafScan(test);
        WalkLeaves(expression, ref scan);
        return scan.AnyHint;
    }

    /// <summary>
    /// A URI written as its pieces (<c>new UriBuilder("https", "fhir.netsmartcloud.com") { Path = "uscore/v1/…" + id }</c>):
    /// the prefix (scheme, host and the '/' the builder puts before the path) is opaque text, then the parts of the
    /// path expression, flattened like a concatenation.
    /// </summary>
    public static StringExpression? CreateComposite(ExpressionSyntax root, string prefix, ExpressionSyntax prefixNode, ExpressionSyntax path, SemanticModel semanticModel, ConstantHints hints, CancellationToken cancellationToken)
    {
        var leaves = new List<ExpressionSyntax>();
        CollectLeaves(path, leaves);
        var text = new StringBuilder();
        var parts = new List<StringPart>(leaves.Count + 1);
        Add(parts, text, StringPartKind.Opaque, prefix, prefixNode, default);
        AppendLeaves(leaves, path, parts, text, semanticModel, hints, cancellationToken);
        return new StringExpression(root, text.ToString(), parts) { _subRoot = path, _shiftsLeadingSeparator = true };
    }

    /// <summary>
    /// A URI resolved from a constant base and a relative literal (<c>new Uri(new Uri(Base), "relative")</c>): the base
    /// prefix the resolution keeps is one opaque part (a match wholly inside it is reported where the base is written,
    /// and no edit is made there), then a '/' when the merge inserts one, then the relative literal, which can be rewritten.
    /// </summary>
    public static StringExpression CreateResolved(ExpressionSyntax root, ExpressionSyntax baseExpression, string basePrefix, bool insertSlash, LiteralExpressionSyntax relative)
    {
        var text = new StringBuilder();
        var parts = new List<StringPart>(3);
        Add(parts, text, StringPartKind.Opaque, basePrefix, baseExpression, default);
        if (insertSlash)
        {
            Add(parts, text, StringPartKind.Opaque, "/", baseExpression, default);
        }

        Add(parts, text, StringPartKind.Literal, relative.Token.ValueText, relative, relative.Token);
        return new StringExpression(root, text.ToString(), parts) { _shiftsLeadingSeparator = true };
    }

    /// <summary>
    /// The constant value of an operand. Every operand of one chain is in the same scope, so operands written alike
    /// have the same value: each spelling is bound once (binding climbs from the operand to its member, which for
    /// N operands of a left-nested chain would be quadratic). A const local initialized with a string literal is read
    /// from its declaration, unbound.
    /// </summary>
    private static Optional<object?> ConstantValue(ExpressionSyntax leaf, SyntaxNode scope, SemanticModel semanticModel, ref Dictionary<string, Optional<object?>>? constants, CancellationToken cancellationToken)
    {
        if (ConstantLeaves.TryLiteralConstLocal(leaf, scope, out string literalValue))
        {
            return literalValue; // const string name = "literal"; in scope: its value is written there, no binding
        }

        if (!(leaf is IdentifierNameSyntax) && !(leaf is MemberAccessExpressionSyntax))
        {
            return semanticModel.GetConstantValue(leaf, cancellationToken);
        }

        string key = leaf.ToString();
        constants ??= new Dictionary<string, Optional<object?>>(System.StringComparer.Ordinal);
        if (!constants.TryGetValue(key, out Optional<object?> value))
        {
            value = semanticModel.GetConstantValue(leaf, cancellationToken);
            constants.Add(key, value);
        }

        return value;
    }

    /// <summary>The part whose value holds [<paramref name="start"/>, start + <paramref name="length"/>); for an insertion at a boundary, the rewritable side (the one before first).</summary>
    public StringPart? FindPart(int start, int length)
    {
        // Parts are contiguous and in value order: only the few that touch 'start' can answer (binary search, so a
        // chain of thousands of operands costs a logarithm per edit).
        int i = FirstPartEndingAtOrAfter(start, inclusive: length == 0);
        if (length > 0)
        {
            return i < Parts.Count && start >= Parts[i].ValueStart && start + length <= Parts[i].ValueEnd ? Parts[i] : null;
        }

        StringPart? boundary = null;
        for (; i < Parts.Count && Parts[i].ValueStart <= start; i++)
        {
            StringPart part = Parts[i];
            if (start > part.ValueStart && start < part.ValueEnd)
            {
                return part;
            }

            // At a boundary the first part wins, unless a later one can be rewritten and it cannot.
            if (boundary is null || (!boundary.IsRewritable && part.IsRewritable))
            {
                boundary = part;
            }
        }

        return boundary;
    }

    /// <summary>True when [<paramref name="start"/>, <paramref name="end"/>) lies inside one constant declared elsewhere (it is reported there).</summary>
    public bool IsInsideOneOpaquePart(int start, int end)
    {
        int first = PartIndexAt(start);
        int last = PartIndexAt(System.Math.Max(start, end - 1));
        return first == last && Parts[first].Kind == StringPartKind.Opaque;
    }

    /// <summary>
    /// Maps value-level edits onto literal source text. Empty when any edit falls outside one rewritable
    /// literal (the diagnostic is then reported without a fix).
    /// </summary>
    public List<SourceEdit> MapEdits(IReadOnlyList<(int Start, int Length, string NewText)> valueEdits)
    {
        var edits = new List<SourceEdit>(valueEdits.Count);
        foreach ((int originalStart, int originalLength, string originalText) in valueEdits)
        {
            (int start, int length, string newText) = (originalStart, originalLength, originalText);
            StringPart? part = FindPart(start, length);
            if (_shiftsLeadingSeparator && (part is null || !part.IsRewritable) && length > 1 && newText.Length > 0 && Text[start] == newText[0])
            {
                (start, length, newText) = (start + 1, length - 1, newText.Substring(1));
                part = FindPart(start, length);
            }

            LiteralTextMap? map = part is null || !part.IsRewritable ? null : part.Map;
            TextSpan? span = map?.MapRange(start - part!.ValueStart, length);
            if (span is null)
            {
                edits.Clear();
                return edits;
            }

            edits.Add(new SourceEdit(span.Value, newText));
        }

        return edits;
    }

    /// <summary>Index of the part that holds value offset <paramref name="offset"/> (the last part for the end).</summary>
    public int PartIndexAt(int offset)
    {
        int i = FirstPartEndingAtOrAfter(offset, inclusive: false);
        return i < Parts.Count ? i : Parts.Count - 1;
    }

    /// <summary>
    /// Where to report something that spans parts [<paramref name="first"/>, <paramref name="last"/>]: the outermost
    /// constant expression holding them, or the smallest expression that does.
    /// </summary>
    public Location GetReportLocation(int first, int last)
    {
        // Node spans are not asked while climbing: in a left-nested chain a node's span start is found by walking
        // down to its first token, which made this cubic in the number of operands. Part ranges answer instead.
        PartTree tree = _tree ??= new PartTree(this);
        SyntaxNode node = Parts[first].Node;
        while (node != Root && !tree.Covers(node, last) && node.Parent != null)
        {
            node = node.Parent;
        }

        if (node == Root && (Root is InvocationExpressionSyntax || Root is ObjectCreationExpressionSyntax))
        {
            // Split across the arguments of string.Concat, new Uri(base, relative) or a UriBuilder: reported where the
            // match ends (the argument or path holding the v1 path), within that argument or path.
            node = Parts[last].Node;
        }

        if (!tree.IsConstant(node))
        {
            return tree.LocationOf(node);
        }

        node = tree.OutermostConstant(node);
        while (node is ParenthesizedExpressionSyntax parenthesized && node != Root)
        {
            node = parenthesized.Expression;
        }

        return tree.LocationOf(node);
    }

    /// <summary>The first part whose value ends after <paramref name="offset"/> (at or after it when <paramref name="inclusive"/>); Parts.Count when none.</summary>
    private int FirstPartEndingAtOrAfter(int offset, bool inclusive)
    {
        int low = 0;
        int high = Parts.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            int end = Parts[middle].ValueEnd;
            if (inclusive ? end >= offset : end > offset)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static void Add(List<StringPart> parts, StringBuilder text, StringPartKind kind, string value, SyntaxNode node, SyntaxToken token)
    {
        parts.Add(new StringPart(kind, text.Length, value.Length, node, token));
        text.Append(value);
    }

    /// <summary>The leaves of a concatenation, left to right (iterative: a chain of thousands of operands is no deep recursion).</summary>
    private static void CollectLeaves(ExpressionSyntax expression, List<ExpressionSyntax> leaves)
    {
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    pending.Push(binary.Right);
                    pending.Push(binary.Left);
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    pending.Push(parenthesized.Expression);
                    break;
                case InvocationExpressionSyntax call when call == expression && ConcatCall.IsConcatSyntax(call):
                    PushArguments(call, pending);
                    break;
                case ExpressionSyntax leaf:
                    leaves.Add(leaf);
                    break;
            }
        }
    }

    /// <summary>
    /// The parts each node of the concatenation holds (a contiguous range), for <see cref="GetReportLocation"/>:
    /// built once, in one iterative pass, on the first report (never for an expression with nothing to report).
    /// </summary>
    private sealed class PartTree
    {
        private readonly StringExpression _expression;
        private readonly Dictionary<SyntaxNode, (int Low, int High)> _ranges = new Dictionary<SyntaxNode, (int Low, int High)>();
        private readonly int[] _runTimeBefore;
        private readonly Dictionary<SyntaxNode, SyntaxNode> _outermost = new Dictionary<SyntaxNode, SyntaxNode>();
        private readonly Dictionary<SyntaxNode, Location> _locations = new Dictionary<SyntaxNode, Location>();

        public PartTree(StringExpression expression)
        {
            _expression = expression;
            IReadOnlyList<StringPart> parts = expression.Parts;
            _runTimeBefore = new int[parts.Count + 1];
            for (int i = 0; i < parts.Count; i++)
            {
                _runTimeBefore[i + 1] = _runTimeBefore[i] + (parts[i].IsConstant ? 0 : 1);
                _ranges[parts[i].Node] = _ranges.TryGetValue(parts[i].Node, out (int Low, int High) range) ? (range.Low, i) : (i, i);
            }

            // Inner nodes in pre-order; read backwards, every child comes before its parent.
            var inner = new List<ExpressionSyntax>();
            var pending = new Stack<ExpressionSyntax>();
            pending.Push(expression.Root);
            if (expression._subRoot != null)
            {
                pending.Push(expression._subRoot);
            }

            while (pending.Count > 0)
            {
                ExpressionSyntax node = pending.Pop();
                switch (node)
                {
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                        inner.Add(binary);
                        pending.Push(binary.Right);
                        pending.Push(binary.Left);
                        break;
                    case ParenthesizedExpressionSyntax parenthesized:
                        inner.Add(parenthesized);
                        pending.Push(parenthesized.Expression);
                        break;
                    case InvocationExpressionSyntax call when call == expression.Root && ConcatCall.IsConcatSyntax(call):
                        inner.Add(call);
                        PushArguments(call, pending);
                        break;
                }
            }

            for (int i = inner.Count - 1; i >= 0; i--)
            {
                switch (inner[i])
                {
                    case BinaryExpressionSyntax binary:
                        _ranges[binary] = Union(RangeOf(binary.Left), RangeOf(binary.Right));
                        break;
                    case ParenthesizedExpressionSyntax parenthesized:
                        _ranges[parenthesized] = RangeOf(parenthesized.Expression);
                        break;
                    case InvocationExpressionSyntax call:
                        (int Low, int High) range = (int.MaxValue, int.MinValue);
                        foreach (ArgumentSyntax argument in call.ArgumentList.Arguments)
                        {
                            range = Union(range, RangeOf(argument.Expression));
                        }

                        _ranges[call] = range;
                        break;
                }
            }
        }

        public bool Covers(SyntaxNode node, int part)
        {
            (int low, int high) = RangeOf(node);
            return low <= part && part <= high;
        }

        /// <summary>True when the node holds at least one part and only constant ones.</summary>
        public bool IsConstant(SyntaxNode node)
        {
            (int low, int high) = RangeOf(node);
            return low <= high && _runTimeBefore[high + 1] == _runTimeBefore[low];
        }

        /// <summary>The outermost constant expression (within the root) holding the constant <paramref name="node"/>; remembered along the way.</summary>
        public SyntaxNode OutermostConstant(SyntaxNode node)
        {
            var path = new List<SyntaxNode>();
            SyntaxNode current = node;
            while (true)
            {
                if (_outermost.TryGetValue(current, out SyntaxNode? known))
                {
                    current = known;
                    break;
                }

                if (current == _expression.Root || !(current.Parent is ExpressionSyntax parent) || !IsConstant(parent))
                {
                    break;
                }

                path.Add(current);
                current = parent;
            }

            foreach (SyntaxNode visited in path)
            {
                _outermost[visited] = current;
            }

            return current;
        }

        public Location LocationOf(SyntaxNode node)
        {
            if (!_locations.TryGetValue(node, out Location? location))
            {
                location = node.GetLocation();
                _locations.Add(node, location);
            }

            return location;
        }

        private (int Low, int High) RangeOf(SyntaxNode node) =>
            _ranges.TryGetValue(node, out (int Low, int High) range) ? range : (int.MaxValue, int.MinValue);

        private static (int Low, int High) Union((int Low, int High) a, (int Low, int High) b) =>
            (System.Math.Min(a.Low, b.Low), System.Math.Max(a.High, b.High));
    }

    /// <summary>What <see cref="WalkLeaves"/> does with each leaf. Visitors are structs, so each walk is compiled for its own visitor and nothing is allocated.</summary>
    private interface ILeafVisitor
    {
        /// <summary>Reads one leaf; true stops the walk.</summary>
        bool Visit(ExpressionSyntax leaf);
    }

    /// <summary>
    /// Walks the leaves without allocating: down the left spine of a chain, visiting leaf right operands on the way.
    /// A right operand that is itself a chain (<c>a + (b + c)</c>) waits on a stack made only then, so no shape of
    /// chain recurses. The order is not left to right. True when the visitor stopped the walk.
    /// </summary>
    private static bool WalkLeaves<TVisitor>(ExpressionSyntax expression, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor
    {
        Stack<ExpressionSyntax>? pending = null;
        ExpressionSyntax? current = expression;
        while (current != null)
        {
            switch (current)
            {
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    if (IsChain(binary.Right))
                    {
                        (pending ??= new Stack<ExpressionSyntax>()).Push(binary.Right);
                    }
                    else if (visitor.Visit(binary.Right))
                    {
                        return true;
                    }

                    current = binary.Left;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized.Expression;
                    continue;
                case InvocationExpressionSyntax call when call == expression && ConcatCall.IsConcatSyntax(call):
                    PushArguments(call, pending ??= new Stack<ExpressionSyntax>());
                    current = pending.Pop();
                    continue;
                default:
                    if (visitor.Visit(current))
                    {
                        return true;
                    }

                    current = pending != null && pending.Count > 0 ? pending.Pop() : null;
                    continue;
            }
        }

        return false;
    }

    /// <summary>The first pass: what the leaves are, and whether a literal or interpolated-text part passes the test (every leaf is read).</summary>
    private struct LeafScan : ILeafVisitor
    {
        public bool AnyStringLiteral;
        public bool AnyHint;
        public bool AnyOther;
        public bool AnyPathCharacter;
        public bool AnyNumericLiteral;
        private readonly System.Func<string, bool> _hasHint;

        public LeafScan(System.Func<string, bool> hasHint)
        {
            this = default;
            _hasHint = hasHint;
        }

        public bool Visit(ExpressionSyntax leaf)
        {
            switch (leaf)
            {
                case LiteralExpressionSyntax literal when IsStringLiteral(literal):
                    AnyStringLiteral = true;
                    ReadText(literal.Token.ValueText);
                    break;
                case InterpolatedStringExpressionSyntax interpolated:
                    AnyStringLiteral = true;
                    foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax textPart)
                        {
                            ReadText(textPart.TextToken.ValueText);
                        }
                        else
                        {
                            AnyOther = true; // a hole may be a constant
                        }
                    }

                    break;
                default:
                    AnyOther = true;
                    AnyNumericLiteral |= leaf.IsKind(SyntaxKind.NumericLiteralExpression);
                    break;
            }

            return false;
        }

        private void ReadText(string value)
        {
            AnyHint |= _hasHint(value);
            AnyPathCharacter |= value.IndexOf('/') >= 0 || value.IndexOf('%') >= 0;
        }
    }

    /// <summary>Stops at the first operand that may be a constant holding the hint (see <see cref="LeafMayHoldHint"/>).</summary>
    private readonly struct HintHolderSearch : ILeafVisitor
    {
        private readonly ConstantHints _hints;
        private readonly SyntaxNode _scope;

        public HintHolderSearch(ConstantHints hints, SyntaxNode scope)
        {
            _hints = hints;
            _scope = scope;
        }

        public bool Visit(ExpressionSyntax leaf) => LeafMayHoldHint(leaf, _hints, _scope);
    }

    /// <summary>The arguments of a string.Concat root, pushed so that they pop left to right.</summary>
    private static void PushArguments(InvocationExpressionSyntax call, Stack<ExpressionSyntax> pending)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = call.ArgumentList.Arguments;
        for (int i = arguments.Count - 1; i >= 0; i--)
        {
            pending.Push(arguments[i].Expression);
        }
    }

    /// <summary>A hole whose text is its expression's value: no alignment (padding) and no format.</summary>
    private static bool IsPlainHole(InterpolationSyntax hole) => hole.AlignmentClause is null && hole.FormatClause is null;

    private static bool IsChain(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax || expression.IsKind(SyntaxKind.AddExpression);

    /// <summary>True when some operand that may be a constant may hold the hint (see <see cref="ConstantLeaves.MayHoldHint"/>).</summary>
    private static bool AnyLeafMayHoldHint(ExpressionSyntax expression, ConstantHints hints)
    {
        var search = new HintHolderSearch(hints, expression);
        return WalkLeaves(expression, ref search);
    }

    private static bool LeafMayHoldHint(ExpressionSyntax leaf, ConstantHints hints, SyntaxNode scope)
    {
        switch (leaf)
        {
            case LiteralExpressionSyntax _:
                return false; // written here: the first pass read it
            case InterpolatedStringExpressionSyntax interpolated:
                // Its text was read by the first pass; its plain holes are operands like any other.
                foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
                {
                    if (content is InterpolationSyntax hole && IsPlainHole(hole) && LeafMayHoldHint(hole.Expression, hints, scope))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return ConstantLeaves.MayHoldHint(leaf, hints, scope) && // the cheap question first (often answered for the whole compilation at once)
                       ConstantLeaves.Classify(leaf, hints, scope) == LeafConstness.MaybeConstant;
        }
    }

    private static bool IsStringLiteral(LiteralExpressionSyntax literal) =>
        literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression);
}
