using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Netsmart.Analyzers.Strings;

/// <summary>
/// What <see cref="ConstantLeaves"/> needs to know about one compilation for one hint (the cheap text test of an
/// analyzer), computed once and then read from fields: an analyzer makes one at compilation start, so the hot path
/// (every <c>+</c> expression of the solution) does no table lookup to find it.
/// </summary>
internal sealed class ConstantHints
{
    /// <summary>Per tree and hint key, so that the next compilation (the IDE makes one per edit) rescans only the trees that changed.</summary>
    /// <remarks>
    /// One table per hint key: the analyzers start on different threads at once, and each adds an entry for every tree;
    /// with one table shared by all keys they would queue on its lock (and a dictionary per tree costs more to make
    /// than the search it remembers).
    /// </remarks>
    private static readonly ConcurrentDictionary<string, ConditionalWeakTable<SyntaxTree, object>> TreeMention =
        new ConcurrentDictionary<string, ConditionalWeakTable<SyntaxTree, object>>(StringComparer.Ordinal);

    /// <summary>The per-tree answers, boxed once, indexed by their <see cref="SourceMention"/> flags.</summary>
    private static readonly object[] Answers = Enumerable.Range(0, 8).Select(flags => (object)(SourceMention)flags).ToArray();

    /// <summary>Source constant values by name, per compilation (shared by every hint: the values do not depend on it).</summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, string[]>> SourceConstants =
        new ConditionalWeakTable<Compilation, ConcurrentDictionary<string, string[]>>();

    // Per-compilation tables are held in a Lazy: the table's add is atomic but its factory may run on several threads at
    // once (the driver runs node actions concurrently), and a table is built once, by one of them.
    private static readonly ConditionalWeakTable<Compilation, Lazy<SourceNames>> NamesCache = new ConditionalWeakTable<Compilation, Lazy<SourceNames>>();

    private static readonly ConditionalWeakTable<Compilation, Lazy<SourceConstFields>> ConstFieldsCache = new ConditionalWeakTable<Compilation, Lazy<SourceConstFields>>();

    private static readonly ConditionalWeakTable<Compilation, Lazy<StaticImports>> ImportsCache = new ConditionalWeakTable<Compilation, Lazy<StaticImports>>();

    private static readonly ConditionalWeakTable<Compilation, Lazy<HashSet<string>>> GlobalStringAliases = new ConditionalWeakTable<Compilation, Lazy<HashSet<string>>>();

    /// <summary>Per referenced module (metadata objects are shared by the compilations of a build server and an IDE session) and hint key.</summary>
    private static readonly ConditionalWeakTable<ModuleMetadata, ConcurrentDictionary<string, bool>> ModuleMention =
        new ConditionalWeakTable<ModuleMetadata, ConcurrentDictionary<string, bool>>();

    /// <summary>Per referenced compilation (a project reference in the IDE) and hint key.</summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, bool>> CompilationMention =
        new ConditionalWeakTable<Compilation, ConcurrentDictionary<string, bool>>();

    private readonly Compilation _compilation;
    private readonly string _hintKey;
    private readonly Lazy<bool> _sourceMentions;
    private readonly Lazy<bool> _metadataMayHold;
    private readonly Func<SyntaxTree, string, SourceMention> _sourceTextHint;
    private readonly Func<SyntaxTree, string, bool>? _sourceHeadHint;
    private SourceNames? _names;
    private SourceConstFields? _constFields;
    private StaticImports? _imports;
    private ConcurrentDictionary<string, string[]>? _constants;

    /// <param name="compilation">The compilation analyzed.</param>
    /// <param name="hintKey">Names the hint (one per analyzer) in the per-tree cache.</param>
    /// <param name="hasHint">The analyzer's cheap text test: can this text be (part of) a match?</param>
    /// <param name="sourceTextHint">
    /// What a source file (the tree and its text) holds: a string value that may pass the hint
    /// (<see cref="SourceMention.Hint"/>), or the tail of a match that a head written elsewhere starts
    /// (<see cref="SourceMention.Tail"/>); <see cref="SourceMention.None"/> only when neither (null: <paramref name="hasHint"/>
    /// of the whole text).
    /// </param>
    /// <param name="mayHoldPieceOfHint">
    /// Whether a text may be (part of) what passes the hint once joined with its neighbours (null: always true).
    /// </param>
    /// <param name="constantValueHint">
    /// The test for a source const field's value next to other operands (null: <paramref name="hasHint"/>).
    /// </param>
    /// <param name="sourceHeadHint">
    /// Whether a source file holds a head (a constant that may start a match a tail completes): asked only when some file
    /// of the compilation holds a tail and none a hint (null: never).
    /// </param>
    public ConstantHints(Compilation compilation, string hintKey, Func<string, bool> hasHint, Func<SyntaxTree, string, SourceMention>? sourceTextHint = null, Func<string, bool>? mayHoldPieceOfHint = null, Func<string, bool>? constantValueHint = null, Func<SyntaxTree, string, bool>? sourceHeadHint = null)
    {
        _compilation = compilation;
        _hintKey = hintKey;
        HasHint = hasHint;
        MayHoldPieceOfHint = mayHoldPieceOfHint ?? (_ => true);
        ConstantValueMayHoldHint = constantValueHint ?? hasHint;
        _sourceTextHint = sourceTextHint ?? ((_, text) => hasHint(text) ? SourceMention.Hint : SourceMention.None);
        _sourceHeadHint = sourceHeadHint;
        _sourceMentions = new Lazy<bool>(ComputeSourceMentions, LazyThreadSafetyMode.ExecutionAndPublication);
        _metadataMayHold = new Lazy<bool>(ComputeMetadataMayHold, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Func<string, bool> HasHint { get; }

    /// <summary>
    /// False only when a text, whatever is written before and after it, can neither pass <see cref="HasHint"/> nor
    /// be a piece of a text that passes it only when joined (a conservative test: true when unsure).
    /// </summary>
    public Func<string, bool> MayHoldPieceOfHint { get; }

    /// <summary>
    /// Whether a source const field's value may make what passes the hint next to the other operands: the analyzer's
    /// own test for constant values when it has one (<c>"patient"</c> + <c>"/Observation.read"</c>), else the hint itself.
    /// </summary>
    public Func<string, bool> ConstantValueMayHoldHint { get; }

    /// <summary>
    /// True when some syntax tree of the compilation may hold the hint's text in a literal: the source test passes on it
    /// (by default: its text passes the hint), or a token written with a \u, \U or \x escape has a value that does. When false, no literal, interpolated
    /// text or source constant can hold the hint.
    /// </summary>
    public bool SourceMentionsHint => _sourceMentions.Value;

    /// <summary>
    /// True when a string constant of a referenced assembly or module (its Constant table), or of a referenced
    /// compilation, may pass the hint; also when a reference cannot be read. When false, no metadata constant can hold it.
    /// </summary>
    public bool MetadataMayHoldHint => _metadataMayHold.Value;

    /// <summary>
    /// False when no literal, interpolated text or constant of the compilation or its references can pass the hint:
    /// then no string expression of the compilation can hold a match (every match needs one leaf that passes it).
    /// </summary>
    public bool AnyValueMayHoldHint => SourceMentionsHint || MetadataMayHoldHint;

    /// <summary>The names of the source types, namespaces and members of the compilation.</summary>
    public SourceNames Names => _names ??= NamesCache.GetValue(_compilation, c => new Lazy<SourceNames>(() => new SourceNames(c), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The source const fields of the compilation: names, literal values, declarations.</summary>
    public SourceConstFields ConstFields => _constFields ??= ConstFieldsCache.GetValue(_compilation, c => new Lazy<SourceConstFields>(() => new SourceConstFields(c), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Whether <see cref="Names"/> was built for this instance (tests: which questions need the table).</summary>
    internal bool NameTableBuilt => _names != null;

    /// <summary>Whether <see cref="ConstFields"/> was built for this instance (tests).</summary>
    internal bool ConstFieldTableBuilt => _constFields != null;

    /// <summary>
    /// <see cref="AnySourceConstantHoldsHint"/> for <c>Type.Name</c>: when source types named <paramref name="typeName"/>
    /// declare a const field of that name, only their values count (the receiver names one of them), read from their
    /// literals; else, or when one needs binding, every source constant of that name counts. Keeps another type's
    /// constant (<c>Contexts.Patient = "patient"</c>) from making <c>ResourceTypes.Patient</c> worth a binding.
    /// </summary>
    public bool SourceConstantOfTypeHoldsHint(string typeName, string name)
    {
        bool declaredThere = false;
        foreach (VariableDeclaratorSyntax declarator in ConstFields.Declarators(name))
        {
            if (declarator.Parent?.Parent?.Parent is BaseTypeDeclarationSyntax type && type.Identifier.ValueText == typeName)
            {
                declaredThere = true;
                ExpressionSyntax? initializer = declarator.Initializer?.Value;
                string? written = SourceConstFields.WrittenValue(initializer);
                if (written is null && !(initializer is LiteralExpressionSyntax))
                {
                    return AnySourceConstantHoldsHint(name); // a value that needs binding: every constant of the name
                }

                if (written != null && ConstantValueMayHoldHint(written))
                {
                    return true;
                }
            }
        }

        return !declaredThere && AnySourceConstantHoldsHint(name);
    }

    /// <summary>True when some source constant field named <paramref name="name"/> has a value that may hold the hint (<see cref="ConstantValueMayHoldHint"/>).</summary>
    public bool AnySourceConstantHoldsHint(string name)
    {
        if (!ConstFields.IsConstField(name))
        {
            return false; // no source const field has this name: no symbol to look up
        }

        IReadOnlyList<string>? written = ConstFields.LiteralValues(name);
        if (written != null)
        {
            // Every const field of this name is initialized with a literal: its text is its value.
            foreach (string value in written)
            {
                if (ConstantValueMayHoldHint(value))
                {
                    return true;
                }
            }

            return false;
        }

        ConcurrentDictionary<string, string[]> constants =
            _constants ??= SourceConstants.GetValue(_compilation, _ => new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal));
        foreach (string value in constants.GetOrAdd(name, ConstantValues))
        {
            if (ConstantValueMayHoldHint(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a using alias in scope at <paramref name="at"/> has this name and may stand for <c>string</c> (its target's last name is <c>String</c> or <c>string</c>).</summary>
    /// <remarks>
    /// A using alias applies in its own file (or namespace), unless it is global: the usings around <paramref name="at"/>
    /// are read, then the global aliases of the files whose text holds <c>global using</c>.
    /// </remarks>
    public bool IsStringAlias(string name, SyntaxNode at)
    {
        UsingDirectiveSyntax? alias = FirstUsingAround(at, (directive, n) => directive.Alias?.Name.Identifier.ValueText == n, name);
        if (alias != null)
        {
            return IsStringAliasDirective(alias);
        }

        return GlobalStringAliases.GetValue(_compilation, c => new Lazy<HashSet<string>>(() => CollectGlobalStringAliases(c), LazyThreadSafetyMode.ExecutionAndPublication)).Value.Contains(name);
    }

    private static HashSet<string> CollectGlobalStringAliases(Compilation compilation)
    {
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (!(tree.GetRoot() is CompilationUnitSyntax unit))
            {
                continue;
            }

            // A file's global using directives come before its other usings (CS8915 otherwise): they are read up to the
            // first directive that is not global, so a file without any costs one directive, not a search of its text.
            foreach (UsingDirectiveSyntax directive in unit.Usings)
            {
                if (!directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                {
                    break;
                }

                if (IsStringAliasDirective(directive))
                {
                    aliases.Add(directive.Alias!.Name.Identifier.ValueText);
                }
            }
        }

        return aliases;
    }

    /// <summary><c>using X = System.String;</c>: an alias whose target's last name is <c>String</c> or <c>string</c>.</summary>
    private static bool IsStringAliasDirective(UsingDirectiveSyntax directive)
    {
        if (directive.Alias is null)
        {
            return false;
        }

        string? target = directive.NamespaceOrType switch
        {
            PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax qualified => qualified.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
        return target == "String" || target == "string";
    }

    /// <summary>
    /// True when a simple name at <paramref name="node"/> may reach a member through a <c>using static</c> directive
    /// (of its file, or a global one anywhere in the compilation).
    /// </summary>
    public bool MayHaveStaticImport(SyntaxNode node)
    {
        StaticImports imports = _imports ??= ImportsCache.GetValue(_compilation, c => new Lazy<StaticImports>(() => new StaticImports(c), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        if (imports.AnyGlobal)
        {
            return true;
        }

        if (imports.Trees.Count == 0 || !imports.Trees.Contains(node.SyntaxTree))
        {
            return false;
        }

        return FirstUsingAround(node, (directive, _) => directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword), null) != null;
    }

    /// <summary>
    /// The first using directive in scope at <paramref name="node"/> (its namespaces' innermost first, then its file's)
    /// that <paramref name="match"/> accepts with <paramref name="state"/>; null when none. No allocation: the lambdas
    /// passed capture nothing.
    /// </summary>
    private static UsingDirectiveSyntax? FirstUsingAround(SyntaxNode node, Func<UsingDirectiveSyntax, string?, bool> match, string? state)
    {
        for (SyntaxNode? current = node.Parent; current != null; current = current.Parent)
        {
            SyntaxList<UsingDirectiveSyntax> usings = current switch
            {
                CompilationUnitSyntax unit => unit.Usings,
                BaseNamespaceDeclarationSyntax ns => ns.Usings,
                _ => default,
            };
            foreach (UsingDirectiveSyntax directive in usings)
            {
                if (match(directive, state))
                {
                    return directive;
                }
            }
        }

        return null;
    }

    private bool ComputeSourceMentions()
    {
        ConditionalWeakTable<SyntaxTree, object> mentions = TreeMention.GetOrAdd(_hintKey, _ => new ConditionalWeakTable<SyntaxTree, object>());
        ConditionalWeakTable<SyntaxTree, object>.CreateValueCallback read = tree => Answers[(int)TreeMentions(tree)];
        bool anyTail = false;
        foreach (SyntaxTree tree in _compilation.SyntaxTrees)
        {
            var mention = (SourceMention)mentions.GetValue(tree, read);
            if ((mention & SourceMention.Hint) != 0)
            {
                return true;
            }

            anyTail |= (mention & SourceMention.Tail) != 0;
        }

        if (!anyTail || _sourceHeadHint is null)
        {
            return false;
        }

        // A tail (what ends a match) counts with a head (a constant that starts one) in any file: looked for only now.
        ConditionalWeakTable<SyntaxTree, object> heads = TreeMention.GetOrAdd(_hintKey + " head", _ => new ConditionalWeakTable<SyntaxTree, object>());
        Func<SyntaxTree, string, bool> headHint = _sourceHeadHint;
        ConditionalWeakTable<SyntaxTree, object>.CreateValueCallback readHead =
            tree => Answers[(int)(headHint(tree, tree.GetText().ToString()) ? SourceMention.Head : SourceMention.None)];
        foreach (SyntaxTree tree in _compilation.SyntaxTrees)
        {
            if ((SourceMention)heads.GetValue(tree, readHead) != SourceMention.None)
            {
                return true;
            }
        }

        return false;
    }

    private SourceMention TreeMentions(SyntaxTree tree)
    {
        string text = tree.GetText().ToString();
        SourceMention mention = _sourceTextHint(tree, text);
        if ((mention & SourceMention.Hint) != 0)
        {
            return mention;
        }

        // An escape may spell the hint (\u, \U, \x: the simple escapes stand for characters no hint is made of): one
        // search for backslashes, and only the tokens holding such an escape are read (no walk over the file's tokens).
        SyntaxNode? root = null;
        int checkedUpTo = -1;
        for (int i = text.IndexOf('\\'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('\\', i + 1))
        {
            char next = text[i + 1];
            if ((next != 'u' && next != 'U' && next != 'x') || i < checkedUpTo)
            {
                continue;
            }

            root ??= tree.GetRoot();
            SyntaxToken token = root.FindToken(i);
            if (!token.Span.Contains(i))
            {
                continue; // in a comment or other trivia
            }

            checkedUpTo = token.Span.End;
            if (token.Span.Length > 1 && HasHint(token.ValueText))
            {
                return mention | SourceMention.Hint;
            }
        }

        return mention;
    }

    private bool ComputeMetadataMayHold()
    {
        foreach (MetadataReference reference in _compilation.References)
        {
            if (ReferenceMayHold(reference))
            {
                return true;
            }
        }

        return false;
    }

    private bool ReferenceMayHold(MetadataReference reference)
    {
        switch (reference)
        {
            case CompilationReference project:
                return CompilationMention.GetValue(project.Compilation, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal))
                    .GetOrAdd(_hintKey, _ => new ConstantHints(project.Compilation, _hintKey, HasHint, _sourceTextHint, sourceHeadHint: _sourceHeadHint).AnyValueMayHoldHint);
            case PortableExecutableReference file:
                ImmutableArray<ModuleMetadata> modules;
                try
                {
                    switch (file.GetMetadata())
                    {
                        case AssemblyMetadata assembly:
                            modules = assembly.GetModules();
                            break;
                        case ModuleMetadata module:
                            modules = ImmutableArray.Create(module);
                            break;
                        default:
                            return true;
                    }
                }
                catch (Exception ex) when (ex is BadImageFormatException || ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
                {
                    return true; // unreadable here: assume it may
                }

                foreach (ModuleMetadata module in modules)
                {
                    if (ModuleMention.GetValue(module, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal)).GetOrAdd(_hintKey, _ => ModuleMayHold(module)))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return true;
        }
    }

    /// <summary>Reads every string constant of the module's Constant table (const fields, and parameter and property defaults).</summary>
    private bool ModuleMayHold(ModuleMetadata module)
    {
        try
        {
            MetadataReader reader = module.GetMetadataReader();
            int rows = reader.GetTableRowCount(TableIndex.Constant);
            for (int row = 1; row <= rows; row++)
            {
                Constant constant = reader.GetConstant(MetadataTokens.ConstantHandle(row));
                if (constant.TypeCode != ConstantTypeCode.String)
                {
                    continue;
                }

                BlobReader blob = reader.GetBlobReader(constant.Value);
                if (HasHint(blob.ReadUTF16(blob.Length)))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception ex) when (ex is BadImageFormatException || ex is InvalidOperationException || ex is ArgumentException)
        {
            return true;
        }
    }

    private string[] ConstantValues(string name) => ConstantValuesFromDeclaringTypes(name) ?? ConstantValuesFromSymbolSearch(name);

    /// <summary>
    /// The values of the source const fields named <paramref name="name"/>, read from the types that declare them: each
    /// declaring type is found by its metadata name, written from the declaration's syntax (a dictionary lookup per
    /// namespace and type), and the field by name among its members. Null when a declaration cannot be matched to its
    /// field that way (a <c>file</c> type, a duplicate type name): the caller then searches every declaration.
    /// </summary>
    private string[]? ConstantValuesFromDeclaringTypes(string name)
    {
        List<string>? values = null;
        foreach (VariableDeclaratorSyntax declarator in ConstFields.Declarators(name))
        {
            string? metadataName = DeclaringTypeMetadataName(declarator);
            INamedTypeSymbol? type = metadataName is null ? null : _compilation.Assembly.GetTypeByMetadataName(metadataName);
            if (type is null)
            {
                return null;
            }

            bool found = false;
            foreach (ISymbol member in type.GetMembers(name))
            {
                if (member is IFieldSymbol { IsConst: true } field && IsDeclaredBy(field, declarator))
                {
                    found = true;
                    if (field.ConstantValue is string value)
                    {
                        (values ??= new List<string>()).Add(value);
                    }
                }
            }

            if (!found)
            {
                return null;
            }
        }

        return values?.ToArray() ?? Array.Empty<string>();
    }

    private static bool IsDeclaredBy(IFieldSymbol field, VariableDeclaratorSyntax declarator)
    {
        foreach (SyntaxReference reference in field.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == declarator.SyntaxTree && reference.Span == declarator.Span)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>N.M.Outer+Inner`1</c> for a member of <c>namespace N.M { class Outer { class Inner&lt;T&gt; { … } } }</c>;
    /// null for a <c>file</c> type (its metadata name is not its declared name).
    /// </summary>
    internal static string? DeclaringTypeMetadataName(VariableDeclaratorSyntax declarator)
    {
        string? types = null;
        string? namespaces = null;
        for (SyntaxNode? node = declarator.Parent; node != null; node = node.Parent)
        {
            switch (node)
            {
                case TypeDeclarationSyntax type:
                    if (type.Modifiers.Any(SyntaxKind.FileKeyword))
                    {
                        return null;
                    }

                    string typeName = type.TypeParameterList is { Parameters.Count: > 0 } parameters
                        ? type.Identifier.ValueText + "`" + parameters.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : type.Identifier.ValueText;
                    types = types is null ? typeName : typeName + "+" + types;
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    string? namespaceName = NamespaceName(ns.Name);
                    if (namespaceName is null)
                    {
                        return null;
                    }

                    namespaces = namespaces is null ? namespaceName : namespaceName + "." + namespaces;
                    break;
            }
        }

        return types is null ? null : namespaces is null ? types : namespaces + "." + types;
    }

    private static string? NamespaceName(NameSyntax name) => name switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        QualifiedNameSyntax qualified when NamespaceName(qualified.Left) is string left && NamespaceName(qualified.Right) is string right => left + "." + right,
        _ => null,
    };

    private string[] ConstantValuesFromSymbolSearch(string name)
    {
        List<string>? values = null;
        foreach (ISymbol symbol in _compilation.GetSymbolsWithName(name, SymbolFilter.Member))
        {
            if (symbol is IFieldSymbol { IsConst: true, ConstantValue: string value })
            {
                (values ??= new List<string>()).Add(value);
            }
        }

        return values?.ToArray() ?? Array.Empty<string>();
    }

    /// <summary>
    /// The names of the source types, namespaces and members of a compilation, read from the declarations of each
    /// tree (cached per tree, so the next compilation of an edit rereads only the trees that changed) and merged once
    /// per compilation. Syntax only: no symbol is created (a symbol walk binds every declaration and, in a build,
    /// waits on the compiler doing the same). <see cref="Compilation.ContainsSymbolsWithName(string, SymbolFilter, CancellationToken)"/>
    /// would walk every type declaration on each call: quadratic over a large solution.
    /// </summary>
    internal sealed class SourceNames
    {
        private static readonly ConditionalWeakTable<SyntaxTree, TreeNames> PerTree = new ConditionalWeakTable<SyntaxTree, TreeNames>();

        private readonly HashSet<string> _types = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _members = new HashSet<string>(StringComparer.Ordinal);

        public SourceNames(Compilation compilation)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                TreeNames names = PerTree.GetValue(tree, t => new TreeNames(t));
                _types.UnionWith(names.Types);
                _members.UnionWith(names.Members);
            }
        }

        /// <summary>True when a source type or namespace has this name.</summary>
        public bool IsType(string name) => _types.Contains(name);

        /// <summary>True when a source type declares a member of this name.</summary>
        public bool IsMember(string name) => _members.Contains(name);

        private sealed class TreeNames
        {
            public TreeNames(SyntaxTree tree)
            {
                if (tree.GetRoot() is CompilationUnitSyntax unit)
                {
                    Collect(unit.Members);
                }
            }

            public List<string> Types { get; } = new List<string>();

            public List<string> Members { get; } = new List<string>();

            private void Collect(SyntaxList<MemberDeclarationSyntax> members)
            {
                foreach (MemberDeclarationSyntax member in members)
                {
                    switch (member)
                    {
                        case BaseNamespaceDeclarationSyntax ns:
                            AddNamespace(ns.Name);
                            Collect(ns.Members);
                            break;
                        case TypeDeclarationSyntax type:
                            Types.Add(type.Identifier.ValueText);
                            Members.Add(type.Identifier.ValueText); // a nested type is a member of its container
                            if (type.ParameterList != null && type is RecordDeclarationSyntax)
                            {
                                foreach (ParameterSyntax parameter in type.ParameterList.Parameters)
                                {
                                    Members.Add(parameter.Identifier.ValueText); // positional record properties
                                }
                            }

                            Collect(type.Members);
                            break;
                        case EnumDeclarationSyntax enumeration:
                            Types.Add(enumeration.Identifier.ValueText);
                            Members.Add(enumeration.Identifier.ValueText);
                            foreach (EnumMemberDeclarationSyntax value in enumeration.Members)
                            {
                                Members.Add(value.Identifier.ValueText);
                            }

                            break;
                        case DelegateDeclarationSyntax function:
                            Types.Add(function.Identifier.ValueText);
                            Members.Add(function.Identifier.ValueText);
                            break;
                        case BaseFieldDeclarationSyntax field: // fields and field-like events
                            foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                            {
                                Members.Add(variable.Identifier.ValueText);
                            }

                            break;
                        case PropertyDeclarationSyntax property:
                            Members.Add(property.Identifier.ValueText);
                            break;
                        case EventDeclarationSyntax declaredEvent:
                            Members.Add(declaredEvent.Identifier.ValueText);
                            break;
                        case MethodDeclarationSyntax method:
                            Members.Add(method.Identifier.ValueText);
                            break;
                    }
                }
            }

            private void AddNamespace(NameSyntax name)
            {
                switch (name)
                {
                    case QualifiedNameSyntax qualified:
                        AddNamespace(qualified.Left);
                        AddNamespace(qualified.Right);
                        break;
                    case SimpleNameSyntax simple:
                        Types.Add(simple.Identifier.ValueText);
                        break;
                    case AliasQualifiedNameSyntax alias:
                        Types.Add(alias.Name.Identifier.ValueText);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// The source const fields of a compilation, read from the declarations of the files whose text holds <c>const</c>
    /// (one ordinal search per file; every const field is declared with the keyword), built once per compilation from
    /// per-file parts that later compilations reuse. Smaller and cheaper than <see cref="SourceNames"/>: a question about
    /// a constant's value needs only this table.
    /// </summary>
    internal sealed class SourceConstFields
    {
        private static readonly ConditionalWeakTable<SyntaxTree, TreeConstFields> PerTree = new ConditionalWeakTable<SyntaxTree, TreeConstFields>();
        private static readonly ConditionalWeakTable<SyntaxTree, TreeConstFields>.CreateValueCallback Read = tree => new TreeConstFields(tree);

        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _computed = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _literalValues = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<VariableDeclaratorSyntax>> _declarators = new Dictionary<string, List<VariableDeclaratorSyntax>>(StringComparer.Ordinal);

        public SourceConstFields(Compilation compilation)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (!tree.TryGetText(out SourceText? text) || text.ToString().IndexOf("const", StringComparison.Ordinal) >= 0)
                {
                    PerTree.GetValue(tree, Read).AddTo(this);
                }
            }
        }

        /// <summary>True when a source const field has this name (read from the declarations: no symbol is made).</summary>
        public bool IsConstField(string name) => _names.Contains(name);

        /// <summary>
        /// The values of the source const fields of this name when every one is initialized with a literal or a nameof (read from
        /// syntax); null when one needs binding (<c>const string A = B + "/x";</c>).
        /// </summary>
        public IReadOnlyList<string>? LiteralValues(string name) =>
            _computed.Contains(name) ? null
            : _literalValues.TryGetValue(name, out List<string>? values) ? values
            : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>The declarations of the source const fields of this name.</summary>
        public IReadOnlyList<VariableDeclaratorSyntax> Declarators(string name) =>
            _declarators.TryGetValue(name, out List<VariableDeclaratorSyntax>? declarators) ? declarators : (IReadOnlyList<VariableDeclaratorSyntax>)Array.Empty<VariableDeclaratorSyntax>();

        /// <summary>
        /// The string value of a const field's initializer when syntax alone gives it: a string literal's text or a
        /// <c>nameof</c>'s name (<see cref="NameofValue"/>); null for anything else (a number, a sum, another constant).
        /// </summary>
        public static string? WrittenValue(ExpressionSyntax? initializer) =>
            initializer is LiteralExpressionSyntax literal
                ? (literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null)
                : NameofValue(initializer);

        /// <summary>
        /// The value of a const field initialized with <c>nameof(…)</c>, read from syntax: the last name written in it
        /// (<c>nameof(Scopes.Patient)</c> is <c>"Patient"</c>, <c>nameof(List&lt;int&gt;)</c> is <c>"List"</c>); null
        /// for any other initializer, and for <c>@nameof(…)</c>, a call. Spares binding the many
        /// <c>const string X = nameof(X);</c> of a codebase when a name in a string expression is theirs.
        /// </summary>
        public static string? NameofValue(ExpressionSyntax? initializer)
        {
            if (!(initializer is InvocationExpressionSyntax { Expression: IdentifierNameSyntax callee } call) ||
                callee.Identifier.Text != "nameof" || call.ArgumentList.Arguments.Count != 1)
            {
                return null;
            }

            return call.ArgumentList.Arguments[0].Expression switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                _ => null,
            };
        }

        private sealed class TreeConstFields
        {
            private readonly List<VariableDeclaratorSyntax> _declarators = new List<VariableDeclaratorSyntax>();

            public TreeConstFields(SyntaxTree tree)
            {
                if (tree.GetRoot() is CompilationUnitSyntax unit)
                {
                    Collect(unit.Members);
                }
            }

            public void AddTo(SourceConstFields table)
            {
                foreach (VariableDeclaratorSyntax variable in _declarators)
                {
                    string name = variable.Identifier.ValueText;
                    table._names.Add(name);
                    if (!table._declarators.TryGetValue(name, out List<VariableDeclaratorSyntax>? declarators))
                    {
                        table._declarators.Add(name, declarators = new List<VariableDeclaratorSyntax>());
                    }

                    declarators.Add(variable);
                    ExpressionSyntax? initializer = variable.Initializer?.Value;
                    string? written = WrittenValue(initializer);
                    if (written != null)
                    {
                        if (!table._literalValues.TryGetValue(name, out List<string>? values))
                        {
                            table._literalValues.Add(name, values = new List<string>());
                        }

                        values.Add(written);
                    }
                    else if (!(initializer is LiteralExpressionSyntax))
                    {
                        // Neither a literal nor a nameof: its value needs binding. (A number, char, bool or null
                        // literal holds no string text and is neither listed nor bound.)
                        table._computed.Add(name);
                    }
                }
            }

            private void Collect(SyntaxList<MemberDeclarationSyntax> members)
            {
                foreach (MemberDeclarationSyntax member in members)
                {
                    switch (member)
                    {
                        case BaseNamespaceDeclarationSyntax ns:
                            Collect(ns.Members);
                            break;
                        case TypeDeclarationSyntax type:
                            Collect(type.Members);
                            break;
                        case FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.ConstKeyword):
                            _declarators.AddRange(field.Declaration.Variables);
                            break;
                    }
                }
            }
        }
    }

    /// <summary>Where the compilation's <c>using static</c> directives are: in which files, and whether any is global.</summary>
    private sealed class StaticImports
    {
        public StaticImports(Compilation compilation)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (tree.GetRoot() is CompilationUnitSyntax unit && HasStatic(unit.Usings, unit.Members))
                {
                    Trees.Add(tree);
                }
            }
        }

        public HashSet<SyntaxTree> Trees { get; } = new HashSet<SyntaxTree>();

        public bool AnyGlobal { get; private set; }

        private bool HasStatic(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members)
        {
            bool any = false;
            foreach (UsingDirectiveSyntax directive in usings)
            {
                if (directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword))
                {
                    any = true;
                    AnyGlobal |= directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword);
                }
            }

            foreach (MemberDeclarationSyntax member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns)
                {
                    any |= HasStatic(ns.Usings, ns.Members);
                }
            }

            return any;
        }
    }
}

/// <summary>What a source file holds for an analyzer's hint (<see cref="ConstantHints"/>).</summary>
[Flags]
internal enum SourceMention
{
    /// <summary>No string value of the file can pass the hint, or make a match with another file's.</summary>
    None = 0,

    /// <summary>
    /// A constant of the file may start a match that a tail completes (<c>const string Patient = "patient";</c> before
    /// <c>"/Observation.read"</c>); it counts when some file of the compilation holds a tail.
    /// </summary>
    Head = 1,

    /// <summary>A string value of the file may end a match that a head starts; it counts when some file holds a head.</summary>
    Tail = 2,

    /// <summary>A string value of the file may pass the hint.</summary>
    Hint = 4,
}
