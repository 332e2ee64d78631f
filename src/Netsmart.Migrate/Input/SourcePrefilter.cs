using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Netsmart.Analyzers;
using Netsmart.Analyzers.CodeFixes.Editing;
using Netsmart.Analyzers.Strings;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Scopes;
using Netsmart.Knowledge.Urls;
using Netsmart.Migrate.Analysis.Host;

namespace Netsmart.Migrate.Input;

/// <summary>
/// Which C# files <c>scan</c> must give the analyzers so that its report is the report of the whole input: the files that
/// can hold a finding or a checklist fact, and the files whose declarations decide what the analyzers and fixers see
/// there. Every other file is set aside: not analysed, and parsed only if the choice needs its declarations (its syntax
/// errors are not reported; it holds no finding). What the text alone tells (<see cref="FileSummary(string)"/>) decides
/// which files the closure parses.
/// <list type="number">
/// <item><b>Seeds.</b> A file whose text may hold (part of) a finding (<see cref="MayHoldFinding"/>: the knowledge core's and
/// the analyzers' own cheapest tests), or something read even where no finding is: API evidence, checklist strings, what
/// the driver and the fixers read across files (<see cref="HasContext"/>).</item>
/// <item><b>Values.</b> A constant whose value, folded from its literals and the constants it names (by type and name,
/// every declaration of a name when unsure), may pass <see cref="MayHoldFinding"/> or is not understood; a non-private
/// field whose initializer passes it or names such a value (the fixers follow a format string through fields).</item>
/// <item><b>Users.</b> A file that mentions such a value may hold a finding (a constant declared in one file and used in
/// another).</item>
/// <item><b>Declarations.</b> The files that declare a constant a kept file mentions (its value, and the constants that
/// value mentions, transitively), and the files that declare a type a file with possible findings names where its
/// findings bind (<see cref="FindingUnits"/>: its own types' names, which bring their partial parts; base lists; the
/// signatures of its members; <c>using static</c> and aliases; the members that may hold a finding, whole: a member's
/// declared type decides whether <c>string.Concat</c> binds, a qualifier the constant it reads, a project type named
/// <c>Uri</c> what <c>new Uri(…)</c> is; the targets of global aliases and global <c>using static</c>, which bind in every
/// file), the files that declare an extension method whose name that code writes (a namespace import names no type), and,
/// transitively, the types those declarations derive from (inherited members), the extension methods' signatures, the
/// declared types of their members that code names (<c>a.Member.Id</c>, a record's positional <c>r.Current.Id</c>) and of
/// those it reaches without a name (indexers, operators, conversions, <see cref="PatternMembers"/>). A type named only in the body
/// of a member without findings decides nothing the rules read.</item>
/// </list>
/// Names are words of the text (comments and strings included: a mention is never missed) compared by hash: a collision
/// keeps a file too many, never one too few.
/// </summary>
internal static class SourcePrefilter
{
    /// <summary>
    /// Texts of what is read from a file that holds no finding: API evidence (<see cref="ApiEvidenceScanner.Triggers"/>,
    /// asked too), the checklist's discovery and CapabilityStatement requests, <c>#line</c> and tenant-id symbols in scope.
    /// The attributes the driver's filters read on another file (<see cref="SuppressingAttributes"/>) and the project's own
    /// format-string declarations the fixers read (<see cref="FormatStringApis"/>) are asked of their owners.
    /// </summary>
    internal static readonly (string Text, StringComparison Comparison)[] ContextTexts =
    {
        (".well-known/smart-configuration", StringComparison.OrdinalIgnoreCase),
        ("/metadata", StringComparison.Ordinal),
        ("#line", StringComparison.Ordinal),
        ("tenant", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Directives that change binding in every file: <c>global using</c> and <c>extern alias</c>.</summary>
    private static readonly (string First, string Second)[] ContextDirectives = { ("global", "using"), ("extern", "alias") };

    /// <summary>
    /// True when a text may hold (part of) what a rule reports: the knowledge core's cheapest tests, the analyzers' own
    /// (<see cref="NetsmartUrlScanner.MayContainNetsmartUrl"/>, <see cref="ScopeScanner.MayMentionScope"/>), a split part
    /// (<see cref="NetsmartUrlScanner.MayContainSplitPart"/>), an escape that could spell any of them (<see cref="LiteralTextMap.MayHaveSpellingEscape"/>),
    /// or a scope joined from a context constant and its rest (<see cref="MayJoinScope"/>).
    /// </summary>
    public static bool MayHoldFinding(string text) =>
        NetsmartUrlScanner.MayContainNetsmartUrl(text) || ScopeScanner.MayMentionScope(text) ||
        LiteralTextMap.MayHaveSpellingEscape(text, 0, text.Length) || NetsmartUrlScanner.MayContainSplitPart(text) || MayJoinScope(text);

    /// <summary>
    /// True when a text holds both pieces of a scope that a constant starts, as the scope rule's start check reads them
    /// (<see cref="ScopeSourceText.MayHoldHeadAndTail"/>): a context word that ends a literal (<c>const string context =
    /// "patient";</c>) and a literal or interpolated text that starts with the context's slash and a resource type
    /// (<c>"/Observation.read"</c>). A const local joined in its own file is found this way; a const field used in another file
    /// is found through its value (<see cref="Closure(IReadOnlyList{FileSummary})"/>).
    /// </summary>
    internal static bool MayJoinScope(string text) => ScopeSourceText.MayHoldHeadAndTail(text);

    /// <summary>
    /// What <see cref="NetsmartUrlScanner.MayContainNetsmartUrl"/> looks for, ignoring case (a test pins it to that test).
    /// </summary>
    internal const string NetsmartUrlMark = "netsmartcloud";

    /// <summary>
    /// <see cref="MayHoldFinding"/> of a whole file: the same answer (a property test compares the two), with the ignore-case
    /// searches of the knowledge core's tests done by <see cref="IgnoreCaseSearch"/>, which is many times faster on a file.
    /// </summary>
    internal static bool FileMayHoldFinding(string text)
    {
        if (IgnoreCaseSearch.Contains(text, NetsmartUrlMark) || ScopeScanner.MayMentionScope(text) || LiteralTextMap.MayHaveSpellingEscape(text, 0, text.Length) || MayJoinScope(text))
        {
            return true;
        }

        foreach (string path in NetsmartUrlScanner.SplitPartPaths)
        {
            if (IgnoreCaseSearch.Contains(text, path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a text holds something read even where no finding is (<see cref="ContextTexts"/>,
    /// <see cref="ApiEvidenceScanner.Triggers"/>, <see cref="SuppressingAttributes"/>, <see cref="FormatStringApis.SourceTexts"/>,
    /// <c>global using</c>, <c>extern alias</c>).
    /// </summary>
    public static bool HasContext(string text)
    {
        if (ContainsAny(text, ContextTexts) || ContainsAny(text, ApiEvidenceScanner.Triggers) ||
            SuppressingAttributes.Mentioned(text) || ContainsAny(text, FormatStringApis.SourceTexts, StringComparison.Ordinal))
        {
            return true;
        }

        foreach ((string first, string second) in ContextDirectives)
        {
            for (int i = text.IndexOf(first, StringComparison.Ordinal); i >= 0; i = text.IndexOf(first, i + 1, StringComparison.Ordinal))
            {
                int j = i + first.Length;
                while (j < text.Length && char.IsWhiteSpace(text[j]))
                {
                    j++;
                }

                if (j > i + first.Length && string.CompareOrdinal(text, j, second, 0, second.Length) == 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ContainsAny(string text, string[] needles, StringComparison comparison)
    {
        foreach (string needle in needles)
        {
            if (text.IndexOf(needle, comparison) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(string text, (string Text, StringComparison Comparison)[] needles)
    {
        foreach ((string needle, StringComparison comparison) in needles)
        {
            if (IgnoreCaseSearch.Contains(text, needle, comparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A constant (with <see cref="Parts"/>) or a field (without) whose value another file may read.</summary>
    internal sealed record Value(int Name, HashSet<int> Words, bool HoldsHint, Part[]? Parts, int Container)
    {
        /// <summary>A constant whose value's shape is not understood: it may hold anything.</summary>
        public bool IsUnknownConstant { get; init; }
    }

    /// <summary>
    /// One operand of a constant's value read from syntax: a literal's text, or a name (another constant). A value whose
    /// shape is not a chain of literals, names, <c>nameof</c> and constant interpolations has no parts (unknown).
    /// </summary>
    internal readonly record struct Part(string? Text, int Name, int Qualifier = 0);

    /// <summary>What the closure needs to know about one file: read from its text and its declarations (not its bodies).</summary>
    /// <summary>
    /// Members that the language binds by name without the code writing it: <c>foreach</c> (<c>GetEnumerator</c>,
    /// <c>Current</c>), <c>await</c> (<c>GetAwaiter</c>, <c>GetResult</c>), deconstruction, query expressions.
    /// </summary>
    internal static readonly HashSet<string> PatternMembers = new(StringComparer.Ordinal)
    {
        "GetEnumerator", "GetAsyncEnumerator", "Current", "GetAwaiter", "GetResult", "Deconstruct",
        "Select", "SelectMany", "Where", "Cast", "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy",
        "ThenByDescending", "GroupBy",
    };

    private static readonly HashSet<int> PatternMemberHashes = new(PatternMembers.Select(Hash));

    internal sealed class FileSummary
    {
        /// <summary>What the text alone tells: <see cref="Read"/> adds the declarations when the closure needs them.</summary>
        public FileSummary(string text)
        {
            MayHoldFinding = FileMayHoldFinding(text);
            HasContext = !MayHoldFinding && SourcePrefilter.HasContext(text);
            HoldsScopeTail = !MayHoldFinding && ScopeSourceText.MayHoldTail(text);
            Words = ScanWords(text, TypeCandidates, out bool readAlways);
            ReadAlways = readAlways;
        }

        /// <summary>A file read whole: its text and its parsed tree.</summary>
        public FileSummary(string text, SyntaxNode root)
            : this(text)
        {
            Read(root);
        }

        /// <summary>
        /// The file's declarations have been read (<see cref="Read"/>). Until then <see cref="Types"/>, <see cref="Constants"/>,
        /// <see cref="Values"/> and the rest are empty, which the closure may take as read only for a file that is not
        /// <see cref="MustBeRead"/> and whose <see cref="TypeCandidates"/> no finding names.
        /// </summary>
        public bool IsRead { get; private set; }

        /// <summary>
        /// The text writes what only a parse tells whole: <c>const</c>, <c>enum</c>, <c>global</c>, a <c>this</c> that may
        /// start an extension method's receiver, an <c>extension</c> block (C# 14), or a type declaration whose name the text scan cannot read (a comment,
        /// a directive or an escape after the keyword).
        /// </summary>
        public bool ReadAlways { get; }

        /// <summary>The closure reads this file whatever the others hold: it may hold a finding, context, or declarations every file may reach.</summary>
        public bool MustBeRead => (MayHoldFinding && !DeclarationsOnly) || HasContext || ReadAlways;

        /// <summary>
        /// The file belongs to a project loaded only for the input's code to bind to (<c>InputProject.ReferenceOnly</c>): nothing in
        /// it is reported, so it is kept only for its context or for what a file of the input needs from it.
        /// </summary>
        public bool DeclarationsOnly { get; init; }

        /// <summary>
        /// Every word the text writes where a type declaration writes its name (after <c>class</c>, <c>struct</c>,
        /// <c>interface</c>, <c>record</c>, <c>enum</c>; the words of a <c>delegate</c> up to its parameters): a superset of <see cref="Types"/>
        /// known before the parse.
        /// </summary>
        public HashSet<int> TypeCandidates { get; } = new();

        /// <summary>Reads the declarations of the file's tree (once).</summary>
        public void Read(SyntaxNode root)
        {
            if (IsRead)
            {
                return;
            }

            if (root is CompilationUnitSyntax unit)
            {
                AddGlobalUsings(unit.Usings);
                Collect(unit.Members, 0);
                if (MayHoldFinding)
                {
                    Units = FindingUnits.Of(unit);
                }
            }

            IsRead = true;
        }

        /// <summary>
        /// For a file whose text may hold a finding: its frame and its members (<see cref="FindingUnits"/>); null for the
        /// others, and for a file with top-level statements (all of its words count then).
        /// </summary>
        public FindingUnits? Units { get; private set; }

        /// <summary>
        /// The names that <c>global using static</c> and <c>global using</c> aliases here write: they bind in every file of the
        /// project, so a file with findings may reach their types without naming them (<c>H.Id</c> for <c>global using H = App.Holder;</c>).
        /// </summary>
        public HashSet<int> GlobalUsingWords { get; } = new();

        /// <summary>
        /// The extension methods declared here (and the members of C# 14 extension blocks), each with the names its signature
        /// writes (receiver, parameters, return type, type parameters and constraints): <c>_service.Key()</c> binds to one
        /// through a namespace import that names no type.
        /// </summary>
        public List<(int Name, HashSet<int> Signature)> ExtensionMethods { get; } = new();

        /// <summary>
        /// The names written in the types of the members that code uses without writing their name: indexers, operators, conversions,
        /// <see cref="PatternMembers"/>. Code reaches them through a value of the type alone (<c>x["k"].Id</c>, <c>foreach</c>).
        /// </summary>
        public HashSet<int> UnnamedMemberTypes { get; } = new();

        /// <summary>The words of the base lists and constraint clauses of the types declared here: the types they derive from.</summary>
        public HashSet<int> BaseWords { get; } = new();

        /// <summary>
        /// The members of the types declared here with the names their declared types write (a field's, property's or
        /// event's type, a method's return type): <c>a.Member.Id</c> in a member with findings reaches the type of <c>Member</c>.
        /// </summary>
        public List<(int Member, int Word)> MemberTypes { get; } = new();

        /// <summary>The text may hold a finding (<see cref="SourcePrefilter.MayHoldFinding"/>).</summary>
        public bool MayHoldFinding { get; }

        /// <summary>The text holds what may be a scope's rest after its context (<see cref="ScopeSourceText.MayHoldTail"/>).</summary>
        public bool HoldsScopeTail { get; }

        /// <summary>
        /// The file may join a scope from constants: it names a constant that may start one (<c>"patient"</c>) and holds the
        /// rest, written here or in a constant it names. Either piece alone makes no scope, and a file that names a context
        /// constant without any rest (as most users of such a constant do) may hold no finding.
        /// </summary>
        public bool JoinsScope(HashSet<int> scopeHeads, HashSet<int> scopeTails) =>
            scopeHeads.Count > 0 && Words.Overlaps(scopeHeads) && (HoldsScopeTail || Words.Overlaps(scopeTails));

        /// <summary>The text holds no finding but something read from it (<see cref="SourcePrefilter.HasContext"/>).</summary>
        public bool HasContext { get; }

        /// <summary>The hashes of every identifier-shaped word of the text.</summary>
        public HashSet<int> Words { get; }

        /// <summary>Types declared here.</summary>
        public HashSet<int> Types { get; } = new();

        /// <summary>Constants declared here (fields and enum members).</summary>
        public HashSet<int> Constants { get; } = new();

        /// <summary>The words of the constant declarations (their values' own operands).</summary>
        public HashSet<int> ConstantWords { get; } = new();

        /// <summary>Constants that may be strings, and non-private fields with an initializer: what another file may read.</summary>
        public List<Value> Values { get; } = new();

        private void AddGlobalUsings(SyntaxList<UsingDirectiveSyntax> usings)
        {
            foreach (UsingDirectiveSyntax directive in usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) &&
                    (directive.Alias != null || directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword)))
                {
                    GlobalUsingWords.UnionWith(FindingUnits.Identifiers(directive));
                }
            }
        }

        private void AddExtensionMethods(TypeDeclarationSyntax type)
        {
            // Declared only in a static class that is neither generic nor nested; the first parameter has 'this'. Any
            // static class is read (a nested one is a compile error, but it costs a file too many, never one too few).
            if (!type.IsKind(SyntaxKind.ClassDeclaration) || !type.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                return;
            }

            foreach (MemberDeclarationSyntax member in type.Members)
            {
                if (member is MethodDeclarationSyntax method &&
                    method.ParameterList.Parameters.FirstOrDefault() is { } first && first.Modifiers.Any(SyntaxKind.ThisKeyword))
                {
                    var signature = FindingUnits.Identifiers(method.ParameterList);
                    signature.UnionWith(FindingUnits.Identifiers(method.ReturnType));
                    foreach (TypeParameterConstraintClauseSyntax clause in method.ConstraintClauses)
                    {
                        signature.UnionWith(FindingUnits.Identifiers(clause));
                    }

                    ExtensionMethods.Add((Hash(method.Identifier.ValueText), signature));
                }
            }
        }

        private void AddExtensionBlock(TypeDeclarationSyntax block)
        {
            HashSet<int> receiver = block.ParameterList is { } parameters ? FindingUnits.Identifiers(parameters) : new HashSet<int>();
            foreach (MemberDeclarationSyntax member in block.Members)
            {
                SyntaxToken name = member switch
                {
                    MethodDeclarationSyntax method => method.Identifier,
                    PropertyDeclarationSyntax property => property.Identifier,
                    _ => default,
                };
                if (name.IsKind(SyntaxKind.IdentifierToken))
                {
                    var signature = new HashSet<int>(receiver);
                    signature.UnionWith(member is MethodDeclarationSyntax method ? FindingUnits.Identifiers(method.ReturnType) : FindingUnits.Identifiers(((PropertyDeclarationSyntax)member).Type));
                    if (member is MethodDeclarationSyntax withParameters)
                    {
                        signature.UnionWith(FindingUnits.Identifiers(withParameters.ParameterList));
                    }

                    ExtensionMethods.Add((Hash(name.ValueText), signature));
                }
            }
        }

        private void Collect(SyntaxList<MemberDeclarationSyntax> members, int container)
        {
            foreach (MemberDeclarationSyntax member in members)
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        Collect(ns.Members, container);
                        break;
                    case TypeDeclarationSyntax block when block.IsKind(SyntaxKind.ExtensionDeclaration):
                        // C# 14: extension(Service s) { public string Key => …; }: each member is reached on the receiver
                        // through a namespace import that names no type, as an extension method is. A block has no name.
                        AddExtensionBlock(block);
                        break;
                    case TypeDeclarationSyntax type:
                        Types.Add(Hash(type.Identifier.ValueText));
                        if (type.BaseList != null)
                        {
                            BaseWords.UnionWith(WordHashes(type.BaseList.ToString()));
                        }

                        foreach (TypeParameterConstraintClauseSyntax clause in type.ConstraintClauses)
                        {
                            BaseWords.UnionWith(WordHashes(clause.ToString()));
                        }

                        AddExtensionMethods(type);
                        if (type is RecordDeclarationSyntax { ParameterList: { } positional })
                        {
                            // A record's positional parameters are its properties: r.Current.Id reads Current's type.
                            foreach (ParameterSyntax parameter in positional.Parameters)
                            {
                                if (parameter.Type != null)
                                {
                                    AddMemberType(parameter.Identifier, parameter.Type);
                                }
                            }
                        }

                        Collect(type.Members, Hash(type.Identifier.ValueText));
                        break;
                    case EnumDeclarationSyntax enumeration:
                        Types.Add(Hash(enumeration.Identifier.ValueText));
                        foreach (EnumMemberDeclarationSyntax value in enumeration.Members)
                        {
                            Constants.Add(Hash(value.Identifier.ValueText));
                            if (value.EqualsValue != null)
                            {
                                ConstantWords.UnionWith(WordHashes(value.EqualsValue.ToString()));
                            }
                        }

                        break;
                    case DelegateDeclarationSyntax function:
                        Types.Add(Hash(function.Identifier.ValueText));
                        break;
                    case FieldDeclarationSyntax field:
                        AddField(field, container);
                        foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                        {
                            AddMemberType(variable.Identifier, field.Declaration.Type);
                        }

                        break;
                    case EventFieldDeclarationSyntax eventField:
                        foreach (VariableDeclaratorSyntax variable in eventField.Declaration.Variables)
                        {
                            AddMemberType(variable.Identifier, eventField.Declaration.Type);
                        }

                        break;
                    case PropertyDeclarationSyntax property:
                        AddMemberType(property.Identifier, property.Type);
                        if (PatternMembers.Contains(property.Identifier.ValueText))
                        {
                            UnnamedMemberTypes.UnionWith(FindingUnits.Identifiers(property.Type)); // an enumerator's Current
                        }

                        break;
                    case EventDeclarationSyntax declaredEvent:
                        AddMemberType(declaredEvent.Identifier, declaredEvent.Type);
                        break;
                    case MethodDeclarationSyntax method:
                        AddMemberType(method.Identifier, method.ReturnType);
                        if (PatternMembers.Contains(method.Identifier.ValueText))
                        {
                            // Bound by the language's patterns, never written: foreach, await, var (a, b) = x, query expressions.
                            UnnamedMemberTypes.UnionWith(FindingUnits.Identifiers(method.ReturnType));
                            UnnamedMemberTypes.UnionWith(FindingUnits.Identifiers(method.ParameterList));
                        }

                        break;
                    case IndexerDeclarationSyntax indexer:
                        UnnamedMemberTypes.UnionWith(FindingUnits.Identifiers(indexer.Type)); // x["k"].Id
                        break;
                    case OperatorDeclarationSyntax op:
                        UnnamedMemberTypes.UnionWith(FindingUnits.Identifiers(op.ReturnType));
                        break;
                    case ConversionOperatorDeclarationSyntax conversion:
                        UnnamedMemberTypes.UnionWith(FindingUnits.Identifiers(conversion.Type));
                        break;
                }
            }
        }

        private void AddMemberType(SyntaxToken name, TypeSyntax type)
        {
            switch (type)
            {
                case PredefinedTypeSyntax _:
                    return; // string, int...: no type of the project
                case IdentifierNameSyntax simple:
                    MemberTypes.Add((Hash(name.ValueText), Hash(simple.Identifier.ValueText)));
                    return;
            }

            int member = Hash(name.ValueText);
            foreach (SyntaxToken token in type.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    MemberTypes.Add((member, Hash(token.ValueText)));
                }
            }
        }

        private void AddField(FieldDeclarationSyntax field, int container)
        {
            bool isConst = false, isPrivate = true;
            foreach (SyntaxToken modifier in field.Modifiers)
            {
                isConst |= modifier.IsKind(SyntaxKind.ConstKeyword);
                isPrivate &= !(modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword) || modifier.IsKind(SyntaxKind.ProtectedKeyword));
            }

            if (isConst)
            {
                ConstantWords.UnionWith(WordHashes(field.ToString()));
            }

            foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
            {
                int name = Hash(variable.Identifier.ValueText);
                if (isConst)
                {
                    Constants.Add(name);
                }

                // Private fields are read only inside their type, whose parts the declarations rule keeps.
                if (variable.Initializer != null && (isConst ? MayBeString(field.Declaration.Type) && !IsNotString(variable.Initializer.Value) : !isPrivate))
                {
                    string initializer = variable.Initializer.Value.ToString();
                    Part[]? parts = null;
                    if (isConst)
                    {
                        var list = new List<Part>();
                        parts = AddParts(variable.Initializer.Value, list) ? list.ToArray() : null;
                    }

                    Values.Add(new Value(name, WordHashes(initializer), SourcePrefilter.MayHoldFinding(initializer), isConst ? parts ?? Array.Empty<Part>() : null, container) { IsUnknownConstant = isConst && parts is null});
                }
            }
        }
    }

    /// <summary>True for a constant value that cannot be a string: a number, a cast of one (<c>(FieldName)102</c>), arithmetic.</summary>
    private static bool IsNotString(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.NumericLiteralExpression) || literal.IsKind(SyntaxKind.CharacterLiteralExpression) ||
            literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression),
        ParenthesizedExpressionSyntax parenthesized => IsNotString(parenthesized.Expression),
        CastExpressionSyntax cast => !MayBeString(cast.Type) || IsNotString(cast.Expression),
        PrefixUnaryExpressionSyntax _ => true,
        BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.AddExpression)
            ? IsNotString(binary.Left) && IsNotString(binary.Right)
            : !binary.IsKind(SyntaxKind.CoalesceExpression),
        SizeOfExpressionSyntax _ => true,
        _ => false,
    };

    /// <summary>The operands of a constant value, in order; false when its shape is not understood.</summary>
    private static bool AddParts(ExpressionSyntax expression, List<Part> parts)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.NullLiteralExpression):
                parts.Add(new Part(literal.IsKind(SyntaxKind.NullLiteralExpression) ? string.Empty : literal.Token.ValueText, 0));
                return true;
            case ParenthesizedExpressionSyntax parenthesized:
                return AddParts(parenthesized.Expression, parts);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return AddParts(binary.Left, parts) && AddParts(binary.Right, parts);
            case IdentifierNameSyntax identifier:
                parts.Add(new Part(null, Hash(identifier.Identifier.ValueText)));
                return true;
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                string? qualifier = access.Expression switch
                {
                    IdentifierNameSyntax id => id.Identifier.ValueText,
                    MemberAccessExpressionSyntax inner => inner.Name.Identifier.ValueText,
                    _ => null,
                };
                parts.Add(new Part(null, Hash(access.Name.Identifier.ValueText), qualifier is null ? 0 : Hash(qualifier)));
                return true;
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } nameOf when nameOf.ArgumentList.Arguments.Count == 1:
                parts.Add(new Part(nameOf.ArgumentList.Arguments[0].Expression switch
                {
                    IdentifierNameSyntax id => id.Identifier.ValueText,
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    _ => nameOf.ArgumentList.Arguments[0].Expression.ToString(), // the whole text holds the name
                }, 0));
                return true;
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax text)
                    {
                        parts.Add(new Part(LiteralTextMap.UnescapedValueText(text.TextToken), 0));
                    }
                    else if (!(content is InterpolationSyntax hole && hole.AlignmentClause is null && hole.FormatClause is null && AddParts(hole.Expression, parts)))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The values each constant name may have: every source constant of that name, folded from its parts, computed as a
    /// fixed point (names are not bound, so X = Other.X looks like a cycle; values only grow until nothing changes). A name
    /// is unknown when a value of it has a shape not understood, or it has more than a few values. A name that is no
    /// source constant of a type that may be string is a metadata constant (the runtime's own assemblies, which hold no
    /// Netsmart URL or SMART scope) or no string: it adds no text.
    /// </summary>
    private static HashSet<int> HintedConstants(IReadOnlyList<Value> constants, out HashSet<int> scopeHeads, out HashSet<int> scopeTails)
    {
        const int MaxValues = 16;

        // By (containing type, name): a qualified operand (Type.Name) reads the constants of that type name, a simple one
        // those of its own type; either reads every constant of the name when no such type declares it.
        var values = new Dictionary<(int Container, int Name), HashSet<string>>();
        var byName = new Dictionary<int, List<(int Container, int Name)>>();
        var unknown = new HashSet<(int Container, int Name)>();
        foreach (Value constant in constants)
        {
            var key = (constant.Container, constant.Name);
            if (!values.ContainsKey(key))
            {
                values[key] = new HashSet<string>(StringComparer.Ordinal);
                (byName.TryGetValue(constant.Name, out var keys) ? keys : byName[constant.Name] = new()).Add(key);
            }
        }

        List<(int Container, int Name)>? Resolve(Part part, int container)
        {
            if (!byName.TryGetValue(part.Name, out var keys))
            {
                return null;
            }

            int wanted = part.Qualifier != 0 ? part.Qualifier : container;
            var own = keys.Where(k => k.Container == wanted).ToList();
            return own.Count > 0 ? own : keys;
        }

        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (Value constant in constants)
            {
                var key = (constant.Container, constant.Name);
                if (unknown.Contains(key))
                {
                    continue;
                }

                List<string>? folded = constant.IsUnknownConstant ? null : new List<string> { string.Empty };
                foreach (Part part in constant.Parts!)
                {
                    if (folded is null)
                    {
                        break;
                    }

                    var operand = new HashSet<string>(StringComparer.Ordinal);
                    if (part.Text is { } text)
                    {
                        operand.Add(text);
                    }
                    else if (Resolve(part, constant.Container) is not { } targets)
                    {
                        operand.Add(string.Empty); // no source constant: a metadata constant, or no string
                    }
                    else if (targets.Any(unknown.Contains))
                    {
                        folded = null;
                        break;
                    }
                    else
                    {
                        foreach (var target in targets)
                        {
                            operand.UnionWith(values[target]);
                        }
                    }

                    folded = (long)folded.Count * operand.Count > MaxValues
                        ? null
                        : folded.SelectMany(v => operand.Select(o => v + o)).ToList();
                }

                HashSet<string> set = values[key];
                if (folded is null)
                {
                    unknown.Add(key);
                    changed = true;
                    continue;
                }

                foreach (string value in folded)
                {
                    changed |= set.Add(value);
                }

                if (set.Count > MaxValues)
                {
                    unknown.Add(key);
                }
            }
        }

        var hinted = new HashSet<int>(unknown.Select(k => k.Name));
        scopeHeads = new HashSet<int>();
        scopeTails = new HashSet<int>();
        foreach (((int _, int name), HashSet<string> set) in values)
        {
            if (set.Any(MayHoldFinding))
            {
                hinted.Add(name);
            }
            else
            {
                // A constant that may start a scope ("patient") or end one ("/Observation.read") holds a finding only joined
                // with the other piece: its users count when they also hold the other (FileSummary.JoinsScope).
                if (set.Any(ScopeScanner.MayStartScope))
                {
                    scopeHeads.Add(name);
                }

                if (set.Any(ScopeScanner.MayEndScope))
                {
                    scopeTails.Add(name);
                }
            }
        }

        return hinted;
    }

    /// <summary>The files to keep (the class summary's rules, each applied until nothing changes), every file read.</summary>
    public static bool[] Closure(IReadOnlyList<FileSummary> files) => Closure(files, null, out _, out _);

    /// <param name="files">Every C# file of the input.</param>
    /// <param name="read">
    /// Parses the files at the given indexes and <see cref="FileSummary.Read"/>s their trees: the closure asks for the files
    /// it needs the declarations of (<see cref="FileSummary.MustBeRead"/>, then the users of a value and the files whose
    /// <see cref="FileSummary.TypeCandidates"/> a finding names), and no other. Null when every file is read.
    /// </param>
    /// <param name="counts">How many files are seeds, users (seeds not counted) and kept for a declaration only.</param>
    /// <param name="mayHoldFindings">
    /// Per file, whether it may hold a finding (its text, or a value it names): the others are kept for what is read
    /// from them (declarations, evidence, checklist strings, attributes) and need no analysis of their own.
    /// </param>
    public static bool[] Closure(IReadOnlyList<FileSummary> files, Action<IReadOnlyList<int>>? read, out (int Seeds, int Users, int Declarations) counts, out bool[] mayHoldFindings)
    {
        // Reads the files of these indexes that are not read yet; true when there were any.
        bool Ensure(IEnumerable<int> indexes)
        {
            int[] unread = indexes.Where(i => !files[i].IsRead).ToArray();
            if (unread.Length == 0)
            {
                return false;
            }

            if (read is null)
            {
                throw new InvalidOperationException("the closure needs the declarations of a file that is not read");
            }

            read(unread);
            return true;
        }

        Ensure(Enumerable.Range(0, files.Count).Where(i => files[i].MustBeRead));

        // Constants that may hold a hint: a folded value passes the test, or the value is unknown. Fields (read by the
        // fixers as format strings): by their initializer's text, or naming such a constant or field, transitively. Every
        // constant is read by now (its file writes 'const'); a field of a file not read yet is read when the file names a
        // hinted value (a user), the only way its value may become one.
        HashSet<int> hinted = HintedConstants(files.SelectMany(f => f.Values).Where(v => v.Parts != null).ToList(), out HashSet<int> scopeHeads, out HashSet<int> scopeTails);
        var pending = files.SelectMany(f => f.Values).Where(v => v.Parts is null).ToList();
        while (true)
        {
            bool changed = true;
            while (changed)
            {
                changed = false;
                pending.RemoveAll(value =>
                {
                    if (value.HoldsHint || value.Words.Overlaps(hinted))
                    {
                        changed |= hinted.Add(value.Name);
                        return true;
                    }

                    return false;
                });
            }

            int[] newUsers = Enumerable.Range(0, files.Count).Where(i => !files[i].IsRead && (files[i].Words.Overlaps(hinted) || files[i].JoinsScope(scopeHeads, scopeTails))).ToArray();
            if (!Ensure(newUsers))
            {
                break;
            }

            pending.AddRange(newUsers.SelectMany(i => files[i].Values).Where(v => v.Parts is null));
        }

        // Files that may hold findings (by their text, or naming such a value) and files read for their context; then
        // the declarations they need: constants (transitively), and the types the files with findings mention.
        var keep = new bool[files.Count];
        mayHoldFindings = new bool[files.Count];
        var mentioned = new HashSet<int>();
        var typesMentioned = new HashSet<int>();
        var membersNamed = new HashSet<int>(); // the names the code around possible findings writes: members it may read
        int seeds = 0, users = 0, declarations = 0;
        for (int i = 0; i < files.Count; i++)
        {
            FileSummary file = files[i];
            bool joins = file.JoinsScope(scopeHeads, scopeTails);
            bool findings = !file.DeclarationsOnly && (file.MayHoldFinding || file.Words.Overlaps(hinted) || joins);
            if (findings || file.HasContext)
            {
                keep[i] = true;
                mayHoldFindings[i] = findings;
                _ = file.MayHoldFinding || file.HasContext ? seeds++ : users++;
                mentioned.UnionWith(file.Words);
                if (findings)
                {
                    if (file.Units is { } units)
                    {
                        typesMentioned.UnionWith(units.BoundWords(joins ? new HashSet<int>(hinted.Concat(scopeHeads).Concat(scopeTails)) : hinted, out HashSet<int> named));
                        membersNamed.UnionWith(named);
                    }
                    else
                    {
                        typesMentioned.UnionWith(file.Words);
                        membersNamed.UnionWith(file.Words);
                    }
                }
            }
        }

        // Global aliases and global using static bind in every file: a file with findings reaches their types unnamed.
        if (Array.IndexOf(mayHoldFindings, true) >= 0)
        {
            foreach (FileSummary file in files)
            {
                typesMentioned.UnionWith(file.GlobalUsingWords);
            }
        }

        // A file that declares a type named where a finding binds, or an extension method whose name code there writes
        // (reached through a namespace import, which names no type), brings the types its types derive from (inherited
        // members), the signatures of those extension methods and the declared types of its members that code names
        // (a.Member.Id), transitively; a file kept only for a constant does not.
        var derived = new bool[files.Count];
        bool grew = true;
        while (grew)
        {
            grew = false;

            // A file not read declares no constant and no extension method (its text would have made it MustBeRead), and
            // its types are among its candidates: read it once a finding names one of them.
            Ensure(Enumerable.Range(0, files.Count).Where(i => !files[i].IsRead && typesMentioned.Overlaps(files[i].TypeCandidates)));
            for (int i = 0; i < files.Count; i++)
            {
                FileSummary file = files[i];
                bool named = !derived[i] && (typesMentioned.Overlaps(file.Types) || file.ExtensionMethods.Exists(m => membersNamed.Contains(m.Name) || PatternMemberHashes.Contains(m.Name)));
                if (named)
                {
                    derived[i] = true;
                    typesMentioned.UnionWith(file.BaseWords);
                    typesMentioned.UnionWith(file.UnnamedMemberTypes);
                    foreach ((int name, HashSet<int> signature) in file.ExtensionMethods)
                    {
                        if (membersNamed.Contains(name) || PatternMemberHashes.Contains(name))
                        {
                            typesMentioned.UnionWith(signature); // _service.Key().Id: the receiver's, the parameters' and the result's types
                        }
                    }

                    foreach ((int member, int word) in file.MemberTypes)
                    {
                        if (membersNamed.Contains(member))
                        {
                            typesMentioned.Add(word); // a.Member.Id: the type of Member, declared in a file no finding names
                        }
                    }

                    grew = true;
                }

                if (!keep[i] && (named || mentioned.Overlaps(file.Constants)))
                {
                    keep[i] = true;
                    declarations++;
                    mentioned.UnionWith(file.ConstantWords);
                    grew = true;
                }
            }
        }

        counts = (seeds, users, declarations);
        return keep;
    }

    /// <summary>
    /// The hashes of the identifier-shaped words of a text, as the compiler reads identifiers: letters, digits,
    /// connectors and combining marks; an <c>@</c> prefix and formatting characters (a zero-width joiner inside a name)
    /// are not part of the name.
    /// </summary>
    internal static HashSet<int> WordHashes(string text) => ScanWords(text, null, out _);

    /// <summary>
    /// <see cref="WordHashes"/>, and in the same pass what the text tells of the declarations before any parse (for
    /// <see cref="FileSummary"/>; all of it errs on the side of reading the file).
    /// </summary>
    /// <param name="text">A C# file's text.</param>
    /// <param name="typeCandidates">Receives <see cref="FileSummary.TypeCandidates"/>; null: words only.</param>
    /// <param name="readAlways"><see cref="FileSummary.ReadAlways"/>.</param>
    internal static HashSet<int> ScanWords(string text, HashSet<int>? typeCandidates, out bool readAlways)
    {
        // Sized from the text (the C# files of docs/performance.md's DevSkim tree hold one distinct word per 46 characters):
        // the set rarely grows, and rehashes, while it fills.
        var words = new HashSet<int>(text.Length / 32);
        var declarations = new DeclarationScan(text, typeCandidates);
        int i = 0;
        int n = text.Length;
        while (i < n)
        {
            char c = text[i];
            if (c == '_' || char.IsLetter(c))
            {
                int start = i++;
                bool formatting = false;
                while (i < n && IsIdentifierPart(text[i], ref formatting))
                {
                    i++;
                }

                int hash = formatting
                    ? Hash(new string(text.AsSpan(start, i - start).ToArray().Where(ch => char.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.Format).ToArray()))
                    : string.GetHashCode(text.AsSpan(start, i - start));
                words.Add(hash);
                if (typeCandidates != null)
                {
                    declarations.Word(start, i, hash);
                }
            }
            else if (char.IsDigit(c))
            {
                // A number (1e5, 0x1F, 10L): not an identifier.
                bool formatting = false;
                while (i < n && IsIdentifierPart(text[i], ref formatting))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }
        }

        readAlways = declarations.ReadAlways;
        return words;
    }

    /// <summary>
    /// The words of a text, one after the other, read for what a parse of it would declare (<see cref="ScanWords"/>). The
    /// words come from the whole text, comments and strings too: a word too many makes a candidate too many (a file read
    /// for nothing), and wherever the next word is not plainly the declared name the file is marked to be read.
    /// </summary>
    private struct DeclarationScan
    {
        private readonly string _text;
        private readonly HashSet<int>? _candidates;
        private int _previousEnd;

        /// <summary>0: nothing pending; 1: the next word names a type; 2: the words of a delegate's declaration, up to its parameters.</summary>
        private int _expect;

        public DeclarationScan(string text, HashSet<int>? candidates)
        {
            _text = text;
            _candidates = candidates;
            _previousEnd = 0;
            _expect = 0;
            ReadAlways = false;
        }

        public bool ReadAlways { get; private set; }

        public void Word(int start, int end, int hash)
        {
            if (_expect == 1)
            {
                _expect = 0;
                if (WhitespaceOrAt(_previousEnd, start))
                {
                    Candidate(end, hash);
                }
            }
            else if (_expect == 2)
            {
                // delegate Task<Result?> Handler<T>(…): every word up to the parameters (delegate*<int, void> too).
                for (int k = _previousEnd; k < start && _expect == 2; k++)
                {
                    char c = _text[k];
                    if (c is '/' or '#' or '\\')
                    {
                        ReadAlways = true;
                        _expect = 0;
                    }
                    else if (!(char.IsWhiteSpace(c) || c is '<' or '>' or ',' or '.' or '?' or '[' or ']' or '*' or ':' or '@'))
                    {
                        _expect = 0;
                    }
                }

                if (_expect == 2)
                {
                    Candidate(end, hash);
                }
            }

            _previousEnd = end;
            ReadOnlySpan<char> word = _text.AsSpan(start, end - start);
            switch (word.Length)
            {
                case 4 when word.SequenceEqual("this"):
                    ReadAlways |= MayStartReceiver(start, end);
                    break;
                case 4 when word.SequenceEqual("enum"):
                    ReadAlways = true; // its members are constants
                    After(end, 1);
                    break;
                case 5 when word.SequenceEqual("const"):
                case 6 when word.SequenceEqual("global"):
                    ReadAlways = true;
                    break;
                case 5 when word.SequenceEqual("class"):
                case 6 when word.SequenceEqual("struct") || word.SequenceEqual("record"):
                case 9 when word.SequenceEqual("interface"):
                    After(end, 1);
                    break;
                case 8 when word.SequenceEqual("delegate"):
                    After(end, 2);
                    break;
                case 9 when word.SequenceEqual("extension"):
                    // A C# 14 extension block, extension(Service s) or extension<T>(T value): members reached unnamed.
                    int k = SkipWhitespace(end);
                    ReadAlways |= k < _text.Length && _text[k] is '(' or '<' or '/' or '#';
                    break;
            }
        }

        /// <summary>After a declaring keyword: a name follows, or something the scan cannot read past (the file is read).</summary>
        private void After(int end, int expect)
        {
            int k = SkipWhitespace(end);
            if (k >= _text.Length)
            {
                return;
            }

            char c = _text[k];
            if (c is '/' or '#' or '\\')
            {
                ReadAlways = true;
            }
            else if (expect == 2 || c == '_' || c == '@' || char.IsLetter(c))
            {
                _expect = expect;
            }
        }

        private void Candidate(int end, int hash)
        {
            _candidates!.Add(hash);
            if (end < _text.Length && _text[end] == '\\')
            {
                ReadAlways = true; // a name with a Unicode escape: the word is not the name
            }
        }

        /// <summary>
        /// A <c>this</c> that may be an extension method's receiver modifier: a name or a parenthesis follows, and before it
        /// is the parameter list's parenthesis, an attribute, a comment, <c>ref</c>/<c>in</c>/<c>scoped</c>/<c>readonly</c>, or a line
        /// break (a directive or a comment may end the line before).
        /// </summary>
        private readonly bool MayStartReceiver(int start, int end)
        {
            int k = SkipWhitespace(end);
            if (k >= _text.Length || !(_text[k] is '_' or '@' or '(' or '/' || char.IsLetter(_text[k])))
            {
                return false;
            }

            int p = start - 1;
            while (p >= 0 && char.IsWhiteSpace(_text[p]))
            {
                if (_text[p] is '\n' or '\r')
                {
                    return true;
                }

                p--;
            }

            if (p < 0)
            {
                return true;
            }

            char before = _text[p];
            if (before is '(' or '[' or ']' || (before == '/' && p > 0 && _text[p - 1] == '*'))
            {
                return true;
            }

            int wordEnd = p + 1;
            while (p >= 0 && (char.IsLetterOrDigit(_text[p]) || _text[p] == '_'))
            {
                p--;
            }

            ReadOnlySpan<char> previous = _text.AsSpan(p + 1, wordEnd - p - 1);
            return previous.SequenceEqual("ref") || previous.SequenceEqual("in") || previous.SequenceEqual("scoped") || previous.SequenceEqual("readonly");
        }

        /// <summary>True when the text between two words is whitespace, or the <c>@</c> of a verbatim name.</summary>
        private readonly bool WhitespaceOrAt(int from, int to)
        {
            for (int k = from; k < to; k++)
            {
                if (!char.IsWhiteSpace(_text[k]) && _text[k] != '@')
                {
                    return false;
                }
            }

            return true;
        }

        private readonly int SkipWhitespace(int k)
        {
            while (k < _text.Length && char.IsWhiteSpace(_text[k]))
            {
                k++;
            }

            return k;
        }
    }

    private static bool IsIdentifierPart(char c, ref bool formatting)
    {
        if (c == '_' || char.IsLetterOrDigit(c))
        {
            return true;
        }

        if (c < 128)
        {
            return false;
        }

        switch (char.GetUnicodeCategory(c))
        {
            case System.Globalization.UnicodeCategory.Format:
                formatting = true;
                return true;
            case System.Globalization.UnicodeCategory.NonSpacingMark:
            case System.Globalization.UnicodeCategory.SpacingCombiningMark:
            case System.Globalization.UnicodeCategory.ConnectorPunctuation:
            case System.Globalization.UnicodeCategory.LetterNumber:
                return true;
            default:
                return false;
        }
    }

    internal static int Hash(string name) => string.GetHashCode(name.AsSpan());

    /// <summary>
    /// What of a file with possible findings decides how its findings bind, for the type part of the declarations rule:
    /// the <see cref="Frame"/> (the names of its types, which bring their other partial parts; base lists and constraints;
    /// usings; the attributes of its types and of the file; the signatures of every member: field, property, event and
    /// return types, parameters — what a member body reads of the types around it) and the members themselves, each read
    /// whole only when it may hold a finding: its text passes <see cref="FileMayHoldFinding"/>, it names a value that may
    /// (<see cref="Closure(IReadOnlyList{FileSummary}, Action{IReadOnlyList{int}}, out ValueTuple{int, int, int}, out bool[])"/> knows those), or it names
    /// a variable or member such a member declares (a format string in a private field, used by another member). A type
    /// named only in the body of a member without findings is bound by no rule.
    /// </summary>
    internal sealed class FindingUnits
    {
        private FindingUnits(HashSet<int> frame, List<Unit> members)
        {
            Frame = frame;
            Members = members;
        }

        /// <summary>The words the whole file's binding reads.</summary>
        public HashSet<int> Frame { get; }

        /// <summary>The members of the file's types, each with its words, the names it declares and its own text test.</summary>
        public List<Unit> Members { get; }

        /// <summary>
        /// One member of a type (or the attributes of a type or of the file): all of its words, the names it declares,
        /// whether its text may hold a finding, and its signature (what the code that names it reads of it).
        /// </summary>
        internal sealed record Unit(HashSet<int> Words, HashSet<int> Declares, bool MayHoldFinding, HashSet<int> Signature);

        /// <summary>The frame and members of a compilation unit; null when it has top-level statements.</summary>
        public static FindingUnits? Of(CompilationUnitSyntax unit)
        {
            var frame = new HashSet<int>();
            var members = new List<Unit>();
            foreach (ExternAliasDirectiveSyntax alias in unit.Externs)
            {
                frame.UnionWith(Identifiers(alias));
            }

            AddUsings(unit.Usings, frame);
            AddAttributes(unit.AttributeLists, members);

            return AddMembers(unit.Members, frame, members) ? new FindingUnits(frame, members) : null;
        }

        /// <summary>The words of the finding members (<see cref="Unit.MayHoldFinding"/>, or naming <paramref name="hinted"/>, or what such a member declares) and the frame.</summary>
        /// <param name="hinted">The names of the values that may hold a finding.</param>
        /// <param name="named">What the members taken and the signatures added name (the frame aside): the members they read.</param>
        public HashSet<int> BoundWords(HashSet<int> hinted, out HashSet<int> named)
        {
            var words = new HashSet<int>(Frame);
            var declared = new HashSet<int>();
            named = new HashSet<int>();
            var taken = new bool[Members.Count];
            bool changed = true;
            while (changed)
            {
                changed = false;
                for (int i = 0; i < Members.Count; i++)
                {
                    Unit member = Members[i];
                    if (!taken[i] && (member.MayHoldFinding || member.Words.Overlaps(hinted) || member.Words.Overlaps(declared)))
                    {
                        taken[i] = true;
                        words.UnionWith(member.Words);
                        named.UnionWith(member.Words);
                        declared.UnionWith(member.Declares);
                        changed = true;
                    }
                }
            }

            // The signatures of the members those name (a field's type, a method's parameters and return type), until
            // nothing changes: a signature may name another member.
            var signed = new bool[Members.Count];
            changed = true;
            while (changed)
            {
                changed = false;
                for (int i = 0; i < Members.Count; i++)
                {
                    Unit member = Members[i];
                    if (!taken[i] && !signed[i] && member.Declares.Overlaps(named))
                    {
                        signed[i] = true;
                        words.UnionWith(member.Signature);
                        named.UnionWith(member.Signature);
                        changed = true;
                    }
                }
            }

            return words;
        }

        private static bool AddMembers(SyntaxList<MemberDeclarationSyntax> declarations, HashSet<int> frame, List<Unit> members)
        {
            foreach (MemberDeclarationSyntax member in declarations)
            {
                switch (member)
                {
                    case GlobalStatementSyntax _:
                        return false;
                    case BaseNamespaceDeclarationSyntax ns:
                        foreach (ExternAliasDirectiveSyntax alias in ns.Externs)
                        {
                            frame.UnionWith(Identifiers(alias));
                        }

                        AddUsings(ns.Usings, frame);

                        if (!AddMembers(ns.Members, frame, members))
                        {
                            return false;
                        }

                        break;
                    case TypeDeclarationSyntax type:
                        frame.Add(Hash(type.Identifier.ValueText));
                        AddAttributes(type.AttributeLists, members);
                        AddFrame(frame, type.TypeParameterList, type.ParameterList, type.BaseList);
                        foreach (TypeParameterConstraintClauseSyntax clause in type.ConstraintClauses)
                        {
                            frame.UnionWith(Identifiers(clause));
                        }

                        foreach (MemberDeclarationSyntax inner in type.Members)
                        {
                            if (inner is BaseTypeDeclarationSyntax || inner is DelegateDeclarationSyntax)
                            {
                                if (!AddMembers(SyntaxFactory.SingletonList(inner), frame, members))
                                {
                                    return false;
                                }

                                continue;
                            }

                            var signature = new HashSet<int>();
                            AddSignature(inner, signature);
                            HashSet<int> declares = Declared(inner);
                            if (declares.Count == 0)
                            {
                                // Operators, conversions, indexers: used without their name being written.
                                frame.UnionWith(signature);
                            }

                            string text = inner.ToString();
                            members.Add(new Unit(Identifiers(inner), declares, FileMayHoldFinding(text), signature));
                        }

                        break;
                    case EnumDeclarationSyntax enumeration:
                        frame.Add(Hash(enumeration.Identifier.ValueText));
                        AddFrame(frame, null, null, enumeration.BaseList);
                        string enumText = enumeration.ToString();
                        members.Add(new Unit(Identifiers(enumeration), new HashSet<int>(enumeration.Members.Select(m => Hash(m.Identifier.ValueText))), FileMayHoldFinding(enumText), Empty));
                        break;
                    default:
                        // Delegates, and whatever else a namespace may hold: all of it.
                        frame.UnionWith(Identifiers(member));
                        break;
                }
            }

            return true;
        }

        /// <summary><c>using static</c> and aliases name types; a namespace import names none.</summary>
        private static void AddUsings(SyntaxList<UsingDirectiveSyntax> usings, HashSet<int> frame)
        {
            foreach (UsingDirectiveSyntax usingDirective in usings)
            {
                if (usingDirective.Alias != null || !usingDirective.StaticKeyword.IsKind(SyntaxKind.None))
                {
                    frame.UnionWith(Identifiers(usingDirective));
                }
            }
        }

        /// <summary>Attributes are bound only where they hold a finding: each list is a unit of its own.</summary>
        private static void AddAttributes(SyntaxList<AttributeListSyntax> attributes, List<Unit> members)
        {
            foreach (AttributeListSyntax list in attributes)
            {
                string text = list.ToString();
                members.Add(new Unit(Identifiers(list), Empty, FileMayHoldFinding(text), Empty));
            }
        }

        private static void AddFrame(HashSet<int> frame, SyntaxNode? typeParameters, SyntaxNode? parameters, SyntaxNode? baseList)
        {
            foreach (SyntaxNode? node in new[] { typeParameters, parameters, baseList })
            {
                if (node != null)
                {
                    frame.UnionWith(Identifiers(node));
                }
            }
        }

        /// <summary>What the bodies of a type read of this member: its type, its parameters, its type parameters and their constraints.</summary>
        private static void AddSignature(MemberDeclarationSyntax member, HashSet<int> signature)
        {
            switch (member)
            {
                case BaseFieldDeclarationSyntax field:
                    signature.UnionWith(Identifiers(field.Declaration.Type));
                    break;
                case BasePropertyDeclarationSyntax property:
                    signature.UnionWith(Identifiers(property.Type));
                    signature.UnionWith(property.ExplicitInterfaceSpecifier is { } explicitProperty ? Identifiers(explicitProperty) : Empty);
                    signature.UnionWith(property is IndexerDeclarationSyntax indexer ? Identifiers(indexer.ParameterList) : Empty);
                    break;
                case BaseMethodDeclarationSyntax method:
                    signature.UnionWith(Identifiers(method.ParameterList));
                    switch (method)
                    {
                        case MethodDeclarationSyntax ordinary:
                            signature.UnionWith(Identifiers(ordinary.ReturnType));
                            AddFrame(signature, ordinary.TypeParameterList, ordinary.ExplicitInterfaceSpecifier, null);
                            foreach (TypeParameterConstraintClauseSyntax clause in ordinary.ConstraintClauses)
                            {
                                signature.UnionWith(Identifiers(clause));
                            }

                            break;
                        case OperatorDeclarationSyntax op:
                            signature.UnionWith(Identifiers(op.ReturnType));
                            break;
                        case ConversionOperatorDeclarationSyntax conversion:
                            signature.UnionWith(Identifiers(conversion.Type));
                            break;
                    }

                    break;
                default:
                    // Not a member whose signature is known (an incomplete member): all of it.
                    signature.UnionWith(Identifiers(member));
                    break;
            }
        }

        private static readonly HashSet<int> Empty = new();

        /// <summary>
        /// The names a node's code writes (its identifier tokens; not its strings and comments, which bind to nothing), as
        /// the compiler reads them: escapes and <c>@</c> resolved.
        /// </summary>
        internal static HashSet<int> Identifiers(SyntaxNode node)
        {
            var names = new HashSet<int>();
            foreach (SyntaxToken token in node.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(Hash(token.ValueText));
                }
            }

            return names;
        }

        private static HashSet<int> Declared(MemberDeclarationSyntax member)
        {
            var names = new HashSet<int>();
            switch (member)
            {
                case BaseFieldDeclarationSyntax field:
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        names.Add(Hash(variable.Identifier.ValueText));
                    }

                    break;
                case PropertyDeclarationSyntax property:
                    names.Add(Hash(property.Identifier.ValueText));
                    break;
                case EventDeclarationSyntax declaredEvent:
                    names.Add(Hash(declaredEvent.Identifier.ValueText));
                    break;
                case ConstructorDeclarationSyntax constructor when !constructor.Modifiers.Any(SyntaxKind.StaticKeyword):
                    // Bound where its type is named (new T(…), a T whose new(…) it is; an attribute by its short name too).
                    string type = constructor.Identifier.ValueText;
                    names.Add(Hash(type));
                    if (type.EndsWith("Attribute", StringComparison.Ordinal) && type.Length > "Attribute".Length)
                    {
                        names.Add(Hash(type.Substring(0, type.Length - "Attribute".Length)));
                    }

                    break;
                case MethodDeclarationSyntax method:
                    names.Add(Hash(method.Identifier.ValueText));
                    break;
            }

            return names;
        }
    }

    /// <summary>False only for the predefined types that are not string (int, bool...): anything else may be string or alias it.</summary>
    private static bool MayBeString(TypeSyntax type) =>
        !(type is PredefinedTypeSyntax predefined) || predefined.Keyword.IsKind(SyntaxKind.StringKeyword) || predefined.Keyword.IsKind(SyntaxKind.ObjectKeyword);
}
