using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Netsmart.Analyzers.Strings;

/// <summary>What an operand of a concatenation can be, told from syntax (and the declaration table) alone.</summary>
internal enum LeafConstness
{
    /// <summary>Never a string constant: a local, a parameter, an instance member, a call, an arithmetic result...</summary>
    NotConstant,

    /// <summary>May be a string constant: a field or type member, a const local, a cast, a conditional...</summary>
    MaybeConstant,
}

/// <summary>
/// Cheap answers about the operands of a concatenation, so the semantic model is asked only about operands that
/// may be string constants, and only when one of them may hold what the analyzer looks for. No binding: syntax,
/// the compilation's declaration table, and the (cached) values of source constant fields.
/// </summary>
internal static class ConstantLeaves
{
    /// <summary>Whether <paramref name="leaf"/> (not a literal, not an interpolated string) can be a string constant.</summary>
    public static LeafConstness Classify(ExpressionSyntax leaf, ConstantHints? hints, SyntaxNode? scope = null)
    {
        switch (leaf)
        {
            case IdentifierNameSyntax identifier:
                switch (FindLocal(identifier, scope, out VariableDeclarationSyntax? constDeclaration))
                {
                    case LocalKind.Local:
                        return LeafConstness.NotConstant;
                    case LocalKind.ConstLocal when !MayBeStringType(constDeclaration!.Type, hints):
                        return LeafConstness.NotConstant; // const int, const SomeEnum...: never a string
                    case LocalKind.ConstLocal:
                        return LeafConstness.MaybeConstant;
                    default:
                        // A field (not const), property or event of the enclosing type: a run-time value.
                        return FindOwnMember(identifier, identifier.Identifier.ValueText, out _, out _) == OwnMember.Value
                            ? LeafConstness.NotConstant
                            : LeafConstness.MaybeConstant;
                }

            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                return IsInstanceReceiver(access.Expression, hints, scope) ? LeafConstness.NotConstant : LeafConstness.MaybeConstant;

            case InvocationExpressionSyntax invocation:
                // nameof(...) is a constant; every other call is not.
                return invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } ? LeafConstness.MaybeConstant : LeafConstness.NotConstant;

            case LiteralExpressionSyntax _: // numbers, true, false, null, default: never a string value
            case ElementAccessExpressionSyntax _:
            case BaseObjectCreationExpressionSyntax _:
            case ArrayCreationExpressionSyntax _:
            case ImplicitArrayCreationExpressionSyntax _:
            case AnonymousObjectCreationExpressionSyntax _:
            case AwaitExpressionSyntax _:
            case AnonymousFunctionExpressionSyntax _:
            case ConditionalAccessExpressionSyntax _:
            case PostfixUnaryExpressionSyntax _:
            case AssignmentExpressionSyntax _:
            case InstanceExpressionSyntax _: // this, base
            case TypeOfExpressionSyntax _:
            case SizeOfExpressionSyntax _:
            case DefaultExpressionSyntax _:
            case ThrowExpressionSyntax _:
            case SwitchExpressionSyntax _:
            case QueryExpressionSyntax _:
            case TupleExpressionSyntax _:
            case IsPatternExpressionSyntax _:
            case GenericNameSyntax _:
            case PredefinedTypeSyntax _:
            case WithExpressionSyntax _:
            case StackAllocArrayCreationExpressionSyntax _:
                return LeafConstness.NotConstant;

            case BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression):
                // A sum is constant only when every operand is (a run-time hole {retries + 1}, a branch x + "/": no).
                return AnyOperandNotConstant(add, hints, scope) ? LeafConstness.NotConstant : LeafConstness.MaybeConstant;
            case BinaryExpressionSyntax binary when !binary.IsKind(SyntaxKind.CoalesceExpression):
                return LeafConstness.NotConstant; // arithmetic, comparisons, logic: never a string
            case PrefixUnaryExpressionSyntax _:
                return LeafConstness.NotConstant; // -x, !x, ~x, ++x: never a string

            case CastExpressionSyntax cast:
                return Classify(cast.Expression, hints, scope);
            case ParenthesizedExpressionSyntax parenthesized:
                return Classify(parenthesized.Expression, hints, scope);
            case ConditionalExpressionSyntax conditional:
                return Classify(conditional.WhenTrue, hints, scope) == LeafConstness.NotConstant &&
                       Classify(conditional.WhenFalse, hints, scope) == LeafConstness.NotConstant
                    ? LeafConstness.NotConstant
                    : LeafConstness.MaybeConstant;

            default:
                return LeafConstness.MaybeConstant; // checked(...), qualified names, ...: ask
        }
    }

    /// <summary>
    /// True when an operand of the sum <paramref name="add"/> (flattened iteratively: a chain may be long) is no constant
    /// (<see cref="Classify"/>); literals and interpolated strings are taken as constants.
    /// </summary>
    private static bool AnyOperandNotConstant(BinaryExpressionSyntax add, ConstantHints? hints, SyntaxNode? scope)
    {
        foreach (ExpressionSyntax operand in SumOperands(add))
        {
            if (!(operand is LiteralExpressionSyntax) && !(operand is InterpolatedStringExpressionSyntax) &&
                Classify(operand, hints, scope) == LeafConstness.NotConstant)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The operands of the sum <paramref name="add"/>, left to right, parentheses removed; flattened iteratively (a chain may be long).</summary>
    private static IEnumerable<ExpressionSyntax> SumOperands(BinaryExpressionSyntax add)
    {
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(add);
        while (pending.Count > 0)
        {
            ExpressionSyntax operand = pending.Pop();
            while (operand is ParenthesizedExpressionSyntax parenthesized)
            {
                operand = parenthesized.Expression;
            }

            if (operand is BinaryExpressionSyntax inner && inner.IsKind(SyntaxKind.AddExpression))
            {
                pending.Push(inner.Right);
                pending.Push(inner.Left);
            }
            else
            {
                yield return operand;
            }
        }
    }

    /// <summary>
    /// Whether a <see cref="LeafConstness.MaybeConstant"/> leaf may be a constant whose value passes the hint.
    /// Conservative (true) whenever the answer would need binding; false only when every constant the name can
    /// denote is a source constant field whose value fails the hint, or when the name is no constant at all.
    /// </summary>
    public static bool MayHoldHint(ExpressionSyntax leaf, ConstantHints hints, SyntaxNode? scope = null)
    {
        if (!hints.SourceMentionsHint)
        {
            // No source text holds the hint, so no source constant (field or local) does: only a metadata constant
            // could, reached through a type name or a static import.
            return hints.MetadataMayHoldHint && leaf switch
            {
                IdentifierNameSyntax identifier => hints.MayHaveStaticImport(identifier),
                MemberAccessExpressionSyntax access => !IsInstanceReceiver(access.Expression, hints, scope) &&
                    !(RightmostName(access.Expression) is string receiver && hints.Names.IsType(receiver)),
                InvocationExpressionSyntax _ => false, // nameof(x) is text written here
                _ => true,
            };
        }

        switch (leaf)
        {
            case IdentifierNameSyntax identifier:
            {
                // Only a const local is answered from the local found (a member whose text has no 'const' declares none,
                // and then the walk up the scopes is spared: most holes and operands are locals and parameters).
                if (MayBeConstLocal(identifier) &&
                    FindLocal(identifier, scope, out VariableDeclarationSyntax? constDeclaration, out VariableDeclaratorSyntax? constVariable) == LocalKind.ConstLocal)
                {
                    // A const local: its value is its literal initializer's text when it has one (which may join the
                    // hint with its neighbours: "patient" + "/Observation.read"); else it needs binding.
                    return MayBeStringType(constDeclaration!.Type, hints) &&
                           (!(constVariable!.Initializer?.Value is LiteralExpressionSyntax literal) ||
                            (literal.IsKind(SyntaxKind.StringLiteralExpression) && hints.MayHoldPieceOfHint(literal.Token.ValueText)));
                }

                // A field, property or event of the enclosing type (this part of it): the name is that member, found
                // without the compilation's name table.
                string name = identifier.Identifier.ValueText;
                switch (FindOwnMember(identifier, name, out _, out VariableDeclaratorSyntax? constField))
                {
                    case OwnMember.Value:
                        return false; // a run-time value: no constant
                    case OwnMember.ConstField when constField!.Initializer?.Value is LiteralExpressionSyntax fieldLiteral:
                        return fieldLiteral.IsKind(SyntaxKind.StringLiteralExpression) && hints.ConstantValueMayHoldHint(fieldLiteral.Token.ValueText);
                }

                // A field or member constant of the enclosing types (or of a base type): the const fields' table, which
                // is small, answers first. A simple name that is no member of any source type denotes a metadata member
                // reached by inheritance or 'using static' (the whole name table only when a metadata constant may hold
                // the hint).
                return hints.AnySourceConstantHoldsHint(name) ||
                       (hints.MetadataMayHoldHint && hints.MayHaveStaticImport(identifier) && !hints.Names.IsMember(name));
            }

            case MemberAccessExpressionSyntax access:
            {
                // Type.Name: a source constant of that name (any type: the const fields' table, which is small, answers)
                // or a metadata type's constant, which needs binding.
                string name = access.Name.Identifier.ValueText;
                string? receiver = RightmostName(access.Expression);
                if (receiver is null ? hints.AnySourceConstantHoldsHint(name) : hints.SourceConstantOfTypeHoldsHint(receiver, name))
                {
                    return true;
                }

                // No source constant of that name may hold the hint: only a metadata constant can, and not through a
                // source type that declares a member of that name (its member hides any inherited one).
                return hints.MetadataMayHoldHint && !(receiver != null && hints.Names.IsType(receiver) && hints.Names.IsMember(name));
            }

            case InvocationExpressionSyntax invocation:
                // nameof(a.b.C) is "C".
                return invocation.ArgumentList.Arguments.Count == 1 &&
                       RightmostName(invocation.ArgumentList.Arguments[0].Expression) is string n && hints.HasHint(n);

            case CastExpressionSyntax cast:
                return MayHoldHint(cast.Expression, hints, scope) && Classify(cast.Expression, hints, scope) == LeafConstness.MaybeConstant;
            case ParenthesizedExpressionSyntax parenthesized:
                return MayHoldHint(parenthesized.Expression, hints, scope) && Classify(parenthesized.Expression, hints, scope) == LeafConstness.MaybeConstant;
            case ConditionalExpressionSyntax conditional:
                return MayHoldHintOrIsString(conditional.WhenTrue, hints, scope) || MayHoldHintOrIsString(conditional.WhenFalse, hints, scope);
            case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                // Its value, when constant, is the value of one operand.
                return MayHoldHintOrIsString(coalesce.Left, hints, scope) || MayHoldHintOrIsString(coalesce.Right, hints, scope);
            case BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression):
                // (a + b) inside a hole or a cast: a constant sum's value is its operands' values joined, so it may
                // hold (a piece of) the hint only when one of them may.
                return AnyOperandMayHoldHint(add, hints, scope);

            default:
                return true;
        }
    }

    /// <summary>
    /// True when an operand of the sum <paramref name="add"/> (flattened iteratively: a chain may be long) may hold a piece
    /// of the hint: a string or char literal whose text may (<see cref="ConstantHints.MayHoldPieceOfHint"/>), an
    /// interpolated string that may, or another operand that may be a constant holding it (<see cref="MayHoldHint"/>).
    /// </summary>
    private static bool AnyOperandMayHoldHint(BinaryExpressionSyntax add, ConstantHints hints, SyntaxNode? scope)
    {
        foreach (ExpressionSyntax operand in SumOperands(add))
        {
            bool mayHold = operand switch
            {
                LiteralExpressionSyntax literal => (literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.CharacterLiteralExpression)) &&
                                                   hints.MayHoldPieceOfHint(literal.Token.ValueText),
                InterpolatedStringExpressionSyntax interpolated => InterpolatedMayHoldPiece(interpolated, hints, scope),
                _ => MayHoldHint(operand, hints, scope),
            };
            if (mayHold)
            {
                return true;
            }
        }

        return false;
    }

    private static bool MayHoldHintOrIsString(ExpressionSyntax branch, ConstantHints hints, SyntaxNode? scope) =>
        branch is LiteralExpressionSyntax literal
            ? literal.IsKind(SyntaxKind.StringLiteralExpression) && hints.HasHint(literal.Token.ValueText)
            : branch is InterpolatedStringExpressionSyntax interpolated
                ? InterpolatedMayHoldHint(interpolated, hints, scope)
                : MayHoldHint(branch, hints, scope) && Classify(branch, hints, scope) == LeafConstness.MaybeConstant; // the cheap question first, as for any leaf

    /// <summary>
    /// An interpolated string used as a value (a branch of <c>?:</c> or <c>??</c>): a constant only when every hole may be
    /// one; then its value may join the hint from its holes and text (true), or, with no hole, its text passes it.
    /// </summary>
    private static bool InterpolatedMayHoldHint(InterpolatedStringExpressionSyntax interpolated, ConstantHints hints, SyntaxNode? scope)
    {
        bool anyHole = false;
        bool textPasses = false;
        foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
        {
            if (content is InterpolationSyntax hole)
            {
                if (Classify(hole.Expression, hints, scope) == LeafConstness.NotConstant)
                {
                    return false; // a run-time hole: the string is no constant
                }

                anyHole = true;
            }
            else if (content is InterpolatedStringTextSyntax text)
            {
                textPasses |= hints.HasHint(text.TextToken.ValueText);
            }
        }

        return anyHole || textPasses;
    }

    /// <summary>An interpolated string joined in a sum: a text part that may be a piece of the hint, or a hole that may be a constant.</summary>
    private static bool InterpolatedMayHoldPiece(InterpolatedStringExpressionSyntax interpolated, ConstantHints hints, SyntaxNode? scope)
    {
        foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
        {
            if (content is InterpolatedStringTextSyntax text ? hints.MayHoldPieceOfHint(text.TextToken.ValueText)
                : content is InterpolationSyntax hole && Classify(hole.Expression, hints, scope) == LeafConstness.MaybeConstant)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="receiver"/> is an instance (a local, a parameter, this, a field or property, a call...),
    /// so <c>receiver.Name</c> is an instance member: never a constant. False when it may be a type or namespace.
    /// </summary>
    private static bool IsInstanceReceiver(ExpressionSyntax receiver, ConstantHints? hints, SyntaxNode? scope)
    {
        switch (receiver)
        {
            case IdentifierNameSyntax identifier:
            {
                string name = identifier.Identifier.ValueText;
                bool upper = name.Length > 0 && char.IsUpper(name[0]);

                // The scope walk first (syntax only): a local or parameter needs no name table, whose first use builds
                // it from every declaration of the compilation.
                switch (FindLocal(identifier, scope))
                {
                    case LocalKind.Local:
                        // "Color Color": a local named like its type reaches the type's constants too.
                        return !upper;
                    case LocalKind.ConstLocal:
                        return true; // a member of a constant's value (.Length) is no constant
                }

                // A field, property or event of the enclosing type whose type has another name ("Color Color" aside):
                // the name is that member, an instance, found without the compilation's name table.
                if (FindOwnMember(identifier, name, out TypeSyntax? memberType, out _) != OwnMember.Unknown &&
                    RightmostTypeName(memberType!) != name)
                {
                    return true;
                }

                // A field or property of some source type (and no source type of that name): an instance.
                return hints != null && hints.Names.IsMember(name) && !hints.Names.IsType(name);
            }

            case MemberAccessExpressionSyntax inner:
                // a.B where a is an instance: a member of an instance (a type is never reached through one), so a
                // value, and a member of it is no constant either (local.Resource.Id, Call().Value.Name).
                return IsInstanceReceiver(inner.Expression, hints, scope);
            case AliasQualifiedNameSyntax _:
            case GenericNameSyntax _:       // a generic type: Type<T>.Constant
            case PredefinedTypeSyntax _:    // string.Empty is no constant, but int.MaxValue... are not strings either
                return receiver is PredefinedTypeSyntax;

            default:
                return true; // this, base, calls, element access, literals, parenthesized values...
        }
    }

    private enum OwnMember
    {
        /// <summary>Not found among the fields, properties and events of the enclosing type declaration (or not looked for).</summary>
        Unknown,

        /// <summary>A field (not const), property or event: a run-time value.</summary>
        Value,

        /// <summary>A const field.</summary>
        ConstField,
    }

    /// <summary>
    /// Finds <paramref name="name"/> among the fields, properties and events declared by the type declaration (this part
    /// of it) that immediately encloses the member holding <paramref name="node"/>, from syntax alone. C#'s lookup of a
    /// simple name that is no local or parameter looks in that type's members before any outer type, base type's
    /// hidden member, <c>using static</c> import, type or namespace, so such a member is what the name denotes.
    /// Unknown when the name is declared there as something else (a method, a nested type), or when the node is not
    /// inside a member of a class, struct, interface or record (an attribute or base list of the type, an enum).
    /// </summary>
    private static OwnMember FindOwnMember(SyntaxNode node, string name, out TypeSyntax? memberType, out VariableDeclaratorSyntax? constField)
    {
        memberType = null;
        constField = null;
        SyntaxNode child = node;
        for (SyntaxNode? current = node.Parent; current != null; child = current, current = current.Parent)
        {
            if (current is BaseTypeDeclarationSyntax || current is BaseNamespaceDeclarationSyntax || current is CompilationUnitSyntax)
            {
                return current is TypeDeclarationSyntax type && child is MemberDeclarationSyntax
                    ? FindOwnMember(type, name, out memberType, out constField)
                    : OwnMember.Unknown;
            }
        }

        return OwnMember.Unknown;
    }

    private static OwnMember FindOwnMember(TypeDeclarationSyntax type, string name, out TypeSyntax? memberType, out VariableDeclaratorSyntax? constField)
    {
        memberType = null;
        constField = null;
        if (type.ParameterList != null)
        {
            // A primary constructor's parameter wins over a member of its name in initializers ("Color Color" with
            // the parameter's type): left to the name table. (A type parameter cannot share a member's name.)
            return OwnMember.Unknown;
        }

        foreach (MemberDeclarationSyntax member in type.Members)
        {
            switch (member)
            {
                case BaseFieldDeclarationSyntax field: // fields and field-like events
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        if (variable.Identifier.ValueText == name)
                        {
                            memberType = field.Declaration.Type;
                            if (field.Modifiers.Any(SyntaxKind.ConstKeyword))
                            {
                                constField = variable;
                                return OwnMember.ConstField;
                            }

                            return OwnMember.Value;
                        }
                    }

                    break;
                case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                    memberType = property.Type;
                    return OwnMember.Value;
                case EventDeclarationSyntax declaredEvent when declaredEvent.Identifier.ValueText == name:
                    memberType = declaredEvent.Type;
                    return OwnMember.Value;
                case BaseTypeDeclarationSyntax nested when nested.Identifier.ValueText == name:
                case DelegateDeclarationSyntax function when function.Identifier.ValueText == name:
                case MethodDeclarationSyntax method when method.Identifier.ValueText == name:
                    return OwnMember.Unknown; // a nested type or a method group of that name
            }
        }

        return OwnMember.Unknown;
    }

    /// <summary>The last simple name of a type as written (<c>A.Color?</c>: <c>Color</c>; <c>string</c>: <c>string</c>).</summary>
    private static string? RightmostTypeName(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => RightmostTypeName(nullable.ElementType),
        ArrayTypeSyntax array => RightmostTypeName(array.ElementType),
        PointerTypeSyntax pointer => RightmostTypeName(pointer.ElementType),
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
        _ => null,
    };

    private static string? RightmostName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Per member (or file, for top-level statements): whether its text holds the <c>const</c> keyword.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, object> RegionsWithConst =
        new System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, object>();

    private static readonly object Yes = true;
    private static readonly object No = false;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, object>.CreateValueCallback ReadRegion =
        region => HoldsConstKeyword(region) ? Yes : No;

    /// <summary>
    /// False when <paramref name="identifier"/> cannot name a const local: the text of the member around it (of the whole
    /// file for a top-level statement, whose locals other statements declare) holds no <c>const</c> keyword. A keyword
    /// is never written with an escape, so the text answers; <c>const</c> in a comment or a string only makes it true.
    /// The answer is kept per member: a member with thousands of holes is searched once.
    /// </summary>
    internal static bool MayBeConstLocal(IdentifierNameSyntax identifier)
    {
        for (SyntaxNode? current = identifier.Parent; current != null; current = current.Parent)
        {
            switch (current)
            {
                case GlobalStatementSyntax _:
                    return (bool)RegionsWithConst.GetValue(current.Parent!, ReadRegion);
                case BaseTypeDeclarationSyntax _:
                case BaseNamespaceDeclarationSyntax _:
                    return false; // a type's attributes or base list: no local is in scope
                case MemberDeclarationSyntax member:
                    return (bool)RegionsWithConst.GetValue(member, ReadRegion);
            }
        }

        return false;
    }

    private static bool HoldsConstKeyword(SyntaxNode region)
    {
        const string Keyword = "const";
        string text = TreeTexts.GetValue(region.SyntaxTree, ReadTreeText);
        TextSpan span = region.Span;
        if (span.End > text.Length)
        {
            return true;
        }

        for (int at = text.IndexOf(Keyword, span.Start, span.Length, System.StringComparison.Ordinal); at >= 0;
             at = text.IndexOf(Keyword, at + 1, span.End - at - 1, System.StringComparison.Ordinal))
        {
            int end = at + Keyword.Length;
            if (!(at > 0 && SyntaxFacts.IsIdentifierPartCharacter(text[at - 1])) && !(end < text.Length && SyntaxFacts.IsIdentifierPartCharacter(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private enum LocalKind
    {
        None,
        Local,
        ConstLocal,
    }

    /// <summary>Resolves a simple name to a local, a const local or a parameter in scope, from syntax alone.</summary>
    private static LocalKind FindLocal(IdentifierNameSyntax identifier, SyntaxNode? scope) =>
        FindLocal(identifier, scope, out _, out _);

    private static LocalKind FindLocal(IdentifierNameSyntax identifier, SyntaxNode? scope, out VariableDeclarationSyntax? constDeclaration) =>
        FindLocal(identifier, scope, out constDeclaration, out _);

    /// <summary>Resolves a simple name to a local, a const local or a parameter in scope, from syntax alone.</summary>
    /// <param name="identifier">The simple name.</param>
    /// <param name="scope">Where the search for a declaration stops (the analyzed expression's enclosing member), or null.</param>
    /// <param name="constDeclaration">For a const local, its declaration (the declared type); else null.</param>
    /// <param name="constVariable">For a const local, its declarator (the initializer); else null.</param>
    private static LocalKind FindLocal(IdentifierNameSyntax identifier, SyntaxNode? scope, out VariableDeclarationSyntax? constDeclaration, out VariableDeclaratorSyntax? constVariable)
    {
        constDeclaration = null;
        constVariable = null;
        string name = identifier.Identifier.ValueText;

        // 'scope' (when given) is an ancestor reached from the identifier through no scope-making node, e.g. the root
        // of the concatenation holding it: the walk starts there, so N operands of a chain are not N climbs up it.
        SyntaxNode start = scope ?? identifier;

        // A parameter of the enclosing member first (cheap): no local may shadow it.
        if (IsParameterOfEnclosingMethod(start, name))
        {
            return LocalKind.Local;
        }

        // One type test per ancestor for the nodes that declare nothing (most of them); only a node that may declare a
        // name is looked at further.
        SyntaxNode child = start;
        for (SyntaxNode? current = start.Parent; current != null; child = current, current = current.Parent)
        {
            LocalKind found;
            switch (current)
            {
                case BlockSyntax _:
                case SwitchSectionSyntax _:
                case ForStatementSyntax _:
                case ForEachStatementSyntax _:
                case UsingStatementSyntax _:
                case FixedStatementSyntax _:
                case CatchClauseSyntax _:
                case ForEachVariableStatementSyntax _:
                case WhileStatementSyntax _:
                case SwitchExpressionArmSyntax _:
                case QueryExpressionSyntax _:
                case ArrowExpressionClauseSyntax _:
                    found = InStatementScope(current, child, name, out constDeclaration, out constVariable);
                    break;
                case AnonymousFunctionExpressionSyntax _: // lambdas and anonymous methods
                    found = InFunctionParameters(current, name);
                    if (found == LocalKind.None)
                    {
                        found = InStatementScope(current, child, name, out constDeclaration, out constVariable); // o => o is T x ? x… : …
                    }

                    break;
                case LocalFunctionStatementSyntax _:
                case AccessorDeclarationSyntax _:
                    found = InFunctionParameters(current, name);
                    break;
                case BaseMethodDeclarationSyntax _:
                case IndexerDeclarationSyntax _:
                case TypeDeclarationSyntax _:
                case CompilationUnitSyntax _:
                    return InOutermostScope(current, name, out constDeclaration, out constVariable);
                default:
                    continue;
            }

            if (found != LocalKind.None)
            {
                return found;
            }
        }

        return LocalKind.None;
    }

    /// <summary>True when the method, constructor or operator enclosing <paramref name="start"/> has a parameter named <paramref name="name"/>.</summary>
    private static bool IsParameterOfEnclosingMethod(SyntaxNode start, string name)
    {
        for (SyntaxNode? current = start.Parent; current != null; current = current.Parent)
        {
            if (current is BaseMethodDeclarationSyntax method)
            {
                return InParameters(method.ParameterList, name) != LocalKind.None;
            }

            if (current is MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A local declared by the statement-level scope <paramref name="current"/> (a block or switch section before
    /// <paramref name="child"/>, a for, foreach, using or fixed statement, a catch clause); None for any other node.
    /// </summary>
    private static LocalKind InStatementScope(SyntaxNode current, SyntaxNode child, string name, out VariableDeclarationSyntax? constDeclaration, out VariableDeclaratorSyntax? constVariable)
    {
        constDeclaration = null;
        constVariable = null;
        switch (current)
        {
            case BlockSyntax block:
                return InStatementsBefore(block.Statements, child, name, out constDeclaration, out constVariable);
            case SwitchSectionSyntax section:
                foreach (SwitchLabelSyntax label in section.Labels)
                {
                    if (Designates(label, name))
                    {
                        return LocalKind.Local; // case Item item: ... item ..., and case Item item when item…
                    }
                }

                return InStatementsBefore(section.Statements, child, name, out constDeclaration, out constVariable);
            case ForStatementSyntax forStatement when forStatement.Declaration != null:
                return InDeclaration(forStatement.Declaration, name, isConst: false);
            case ForEachStatementSyntax forEach when forEach.Identifier.ValueText == name:
                return LocalKind.Local;
            case UsingStatementSyntax usingStatement when usingStatement.Declaration != null:
                return InDeclaration(usingStatement.Declaration, name, isConst: false);
            case FixedStatementSyntax fixedStatement:
                return InDeclaration(fixedStatement.Declaration, name, isConst: false);
            case CatchClauseSyntax catchClause when catchClause.Declaration?.Identifier.ValueText == name:
                return LocalKind.Local;
            case ForEachVariableStatementSyntax forEach when Designates(forEach.Variable, name):
                return LocalKind.Local; // foreach (var (key, value) in ...)
            case WhileStatementSyntax whileStatement when child != whileStatement.Condition && Designates(whileStatement.Condition, name):
                return LocalKind.Local; // while (x is Item item) { ... item ... }
            case SwitchExpressionArmSyntax arm when child != arm.Pattern && Designates(arm.Pattern, name):
                return LocalKind.Local; // Item item => ... item ...
            case QueryExpressionSyntax query when child != query.FromClause && IsRangeVariable(query, name):
                return LocalKind.Local; // from item in items select ... item ... (not in 'items': the first source is outside the query's scope)
            case LambdaExpressionSyntax { ExpressionBody: { } body } when Designates(body, name):
                return LocalKind.Local; // o => o is Item item ? ... item ... : ...
            case ArrowExpressionClauseSyntax arrow when Designates(arrow.Expression, name):
                return LocalKind.Local; // string S(object o) => o is Item item ? ... item ... : ...;
            default:
                return LocalKind.None;
        }
    }

    /// <summary>
    /// True when <paramref name="node"/> declares <paramref name="name"/> as an expression variable (<c>out var x</c>,
    /// <c>is Item x</c>, <c>var (a, x) = ...</c>, <c>case Item x:</c>) where it is in scope after it: not inside a lambda,
    /// a nested statement, a query or a switch expression arm (their variables stay there).
    /// </summary>
    private static bool Designates(SyntaxNode? node, string name)
    {
        if (node is null)
        {
            return false;
        }

        // The member's designations of that name (found once per member and name), in text order; only those inside
        // the node are climbed from.
        TextSpan span = node.Span;
        foreach (SyntaxToken identifier in Designations.GetValue(DesignationScope(node), NewMemberDesignations).Named(name))
        {
            if (identifier.SpanStart >= span.End)
            {
                break;
            }

            if (identifier.SpanStart >= span.Start && IsDesignationOf(identifier.Parent!, node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="designation"/> is <paramref name="node"/> or is reached from it through no lambda,
    /// statement, query or switch expression arm (<paramref name="node"/> itself may be one).
    /// </summary>
    private static bool IsDesignationOf(SyntaxNode designation, SyntaxNode node)
    {
        for (SyntaxNode? current = designation; current != null; current = current.Parent)
        {
            if (current == node)
            {
                return true;
            }

            if (current is AnonymousFunctionExpressionSyntax || current is StatementSyntax || current is QueryExpressionSyntax || current is SwitchExpressionArmSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The expression variables of each member (or of a file's top-level statements), by name, found at first use.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, MemberDesignations> Designations =
        new System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, MemberDesignations>();

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, MemberDesignations>.CreateValueCallback NewMemberDesignations =
        member => new MemberDesignations(member);

    /// <summary>The text of each file, as one string (for a file read from a string, that string itself), taken at first use.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, string> TreeTexts =
        new System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, string>();

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, string>.CreateValueCallback ReadTreeText =
        tree => tree.GetText().ToString();

    /// <summary>
    /// The identifiers of a member's expression variables (<see cref="SingleVariableDesignationSyntax"/>), asked by name.
    /// A name is searched in the member's text: each whole-word occurrence is the position of a token, and
    /// <see cref="SyntaxNode.FindToken"/> tells whether that token is a designation's identifier. Only the nodes on
    /// the way to each occurrence are created, not every node of the member (which no compiler pass may have created
    /// yet). An occurrence in a comment, a string or disabled text is trivia or another token: not a designation.
    /// The text is trusted only when every identifier in it is spelled as its value: no <c>\u</c> or <c>\U</c> escape
    /// and no Unicode formatting character (which the compiler drops from an identifier's value) anywhere in the
    /// member; else every node of the member is walked once and its designations are listed by name.
    /// </summary>
    private sealed class MemberDesignations
    {
        private static readonly SyntaxToken[] None = new SyntaxToken[0];

        private readonly SyntaxNode _member;

        /// <summary>The text of the member's file, or null when the member's text cannot be trusted (then <see cref="_all"/> is set).</summary>
        private readonly string? _text;

        /// <summary>Every designation identifier of the member by value, in text order, when its text is not trusted; else null.</summary>
        private readonly Dictionary<string, SyntaxToken[]>? _all;

        /// <summary>
        /// The names searched so far and what was found, newest first; read without a lock (each statement of the member
        /// asks again) and extended by a compare-exchange. A name searched on two threads at once is searched twice, with
        /// the same result.
        /// </summary>
        private Searched? _searched;

        private sealed class Searched
        {
            public Searched(string name, SyntaxToken[] found, Searched? next)
            {
                Name = name;
                Found = found;
                Next = next;
            }

            public string Name { get; }

            public SyntaxToken[] Found { get; }

            public Searched? Next { get; }
        }

        public MemberDesignations(SyntaxNode member)
        {
            _member = member;
            string text = TreeTexts.GetValue(member.SyntaxTree, ReadTreeText);
            TextSpan span = member.Span;
            if (span.End <= text.Length && SpellsEveryIdentifier(text, span.Start, span.End))
            {
                _text = text;
                return;
            }

            var all = new Dictionary<string, List<SyntaxToken>>(System.StringComparer.Ordinal);
            foreach (SyntaxNode node in member.DescendantNodes())
            {
                if (node is SingleVariableDesignationSyntax designation)
                {
                    string value = designation.Identifier.ValueText;
                    if (!all.TryGetValue(value, out List<SyntaxToken>? tokens))
                    {
                        all.Add(value, tokens = new List<SyntaxToken>());
                    }

                    tokens.Add(designation.Identifier);
                }
            }

            _all = new Dictionary<string, SyntaxToken[]>(System.StringComparer.Ordinal);
            foreach (KeyValuePair<string, List<SyntaxToken>> pair in all)
            {
                _all.Add(pair.Key, pair.Value.ToArray());
            }
        }

        /// <summary>The identifiers of the member's designations whose value is <paramref name="name"/>, in text order.</summary>
        public SyntaxToken[] Named(string name)
        {
            if (_text is null)
            {
                return _all!.TryGetValue(name, out SyntaxToken[]? listed) ? listed : None; // the walk listed every designation
            }

            for (Searched? searched = System.Threading.Volatile.Read(ref _searched); searched != null; searched = searched.Next)
            {
                if (searched.Name == name)
                {
                    return searched.Found;
                }
            }

            SyntaxToken[] found = Search(_text, name);
            Searched? head;
            do
            {
                head = System.Threading.Volatile.Read(ref _searched);
            }
            while (System.Threading.Interlocked.CompareExchange(ref _searched, new Searched(name, found, head), head) != head);

            return found;
        }

        private SyntaxToken[] Search(string text, string name)
        {
            if (name.Length == 0)
            {
                return None;
            }

            List<SyntaxToken>? found = null;
            TextSpan span = _member.Span;
            for (int at = text.IndexOf(name, span.Start, span.Length, System.StringComparison.Ordinal); at >= 0;
                 at = at + 1 < span.End ? text.IndexOf(name, at + 1, span.End - at - 1, System.StringComparison.Ordinal) : -1)
            {
                // An identifier is never adjacent to an identifier character (the lexer would have made them one token), nor,
                // as a designation, preceded by a numeric literal (a type or 'var', '(' or ',' comes before it): an
                // occurrence inside a longer word is skipped without asking for its token.
                int end = at + name.Length;
                if ((at > 0 && SyntaxFacts.IsIdentifierPartCharacter(text[at - 1])) || (end < text.Length && SyntaxFacts.IsIdentifierPartCharacter(text[end])))
                {
                    continue;
                }

                SyntaxToken token = _member.FindToken(at);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(at) && token.ValueText == name &&
                    token.Parent is SingleVariableDesignationSyntax designation && designation.Identifier == token)
                {
                    (found ??= new List<SyntaxToken>()).Add(token);
                }
            }

            return found?.ToArray() ?? None;
        }

        /// <summary>
        /// False when an identifier in <paramref name="text"/> between <paramref name="start"/> and <paramref name="end"/>
        /// may be spelled otherwise than its value: a <c>\u</c> or <c>\U</c> escape (<c>\u0078</c> is <c>x</c>), or a
        /// Unicode formatting character, which the compiler leaves out of an identifier's value. (Either may as well be
        /// in a string or comment: then the member is walked instead.)
        /// </summary>
        private static bool SpellsEveryIdentifier(string text, int start, int end)
        {
            for (int i = text.IndexOf('\\', start, end - start); i >= 0 && i + 1 < end; i = text.IndexOf('\\', i + 1, end - i - 1))
            {
                if (text[i + 1] == 'u' || text[i + 1] == 'U')
                {
                    return false;
                }
            }

            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c >= 0x80 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The member holding <paramref name="node"/> (a method, property, field...), or its file for top-level statements.</summary>
    private static SyntaxNode DesignationScope(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current != null; current = current.Parent)
        {
            if ((current is MemberDeclarationSyntax && !(current is BaseNamespaceDeclarationSyntax) && !(current is BaseTypeDeclarationSyntax) &&
                 !(current is GlobalStatementSyntax)) || current is CompilationUnitSyntax)
            {
                return current;
            }
        }

        return node;
    }

    /// <summary>A range variable of a query: <c>from x</c>, <c>let x</c>, <c>join x</c>, <c>into x</c> (any clause: conservative within the query).</summary>
    private static bool IsRangeVariable(QueryExpressionSyntax query, string name)
    {
        if (query.FromClause.Identifier.ValueText == name)
        {
            return true;
        }

        for (QueryBodySyntax? body = query.Body; body != null; body = body.Continuation?.Body)
        {
            foreach (QueryClauseSyntax clause in body.Clauses)
            {
                string? declared = clause switch
                {
                    FromClauseSyntax from => from.Identifier.ValueText,
                    LetClauseSyntax let => let.Identifier.ValueText,
                    JoinClauseSyntax join => join.Into?.Identifier.ValueText == name ? name : join.Identifier.ValueText,
                    _ => null,
                };
                if (declared == name)
                {
                    return true;
                }
            }

            if (body.Continuation?.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A parameter of the lambda, anonymous method or local function <paramref name="current"/>, or the <c>value</c> of
    /// a set, init, add or remove accessor; None for any other node.
    /// </summary>
    private static LocalKind InFunctionParameters(SyntaxNode current, string name)
    {
        switch (current)
        {
            case SimpleLambdaExpressionSyntax lambda when lambda.Parameter.Identifier.ValueText == name:
                return LocalKind.Local;
            case ParenthesizedLambdaExpressionSyntax lambda:
                return InParameters(lambda.ParameterList, name);
            case AnonymousMethodExpressionSyntax anonymous when anonymous.ParameterList != null:
                return InParameters(anonymous.ParameterList, name);
            case LocalFunctionStatementSyntax localFunction:
                return InParameters(localFunction.ParameterList, name);
            case AccessorDeclarationSyntax accessor when name == "value" &&
                (accessor.IsKind(SyntaxKind.SetAccessorDeclaration) || accessor.IsKind(SyntaxKind.InitAccessorDeclaration) ||
                 accessor.IsKind(SyntaxKind.AddAccessorDeclaration) || accessor.IsKind(SyntaxKind.RemoveAccessorDeclaration)):
                return LocalKind.Local;
            default:
                return LocalKind.None;
        }
    }

    /// <summary>
    /// What the node where the search ends (a method, an indexer, a type, the compilation unit) declares: a parameter (of a
    /// primary constructor too), or a top-level local or <c>args</c>.
    /// </summary>
    private static LocalKind InOutermostScope(SyntaxNode current, string name, out VariableDeclarationSyntax? constDeclaration, out VariableDeclaratorSyntax? constVariable)
    {
        constDeclaration = null;
        constVariable = null;
        switch (current)
        {
            case BaseMethodDeclarationSyntax method:
                return InParameters(method.ParameterList, name);
            case IndexerDeclarationSyntax indexer:
                return InParameters(indexer.ParameterList, name);
            case TypeDeclarationSyntax type:
                return type.ParameterList != null ? InParameters(type.ParameterList, name) : LocalKind.None;
            case CompilationUnitSyntax unit:
                return InTopLevelStatements(unit, name, out constDeclaration, out constVariable);
            default:
                return LocalKind.None;
        }
    }

    /// <summary><c>args</c>, or a local declared by a top-level statement.</summary>
    private static LocalKind InTopLevelStatements(CompilationUnitSyntax unit, string name, out VariableDeclarationSyntax? constDeclaration, out VariableDeclaratorSyntax? constVariable)
    {
        constDeclaration = null;
        constVariable = null;
        if (name == "args")
        {
            return LocalKind.Local;
        }

        foreach (MemberDeclarationSyntax member in unit.Members)
        {
            if (member is GlobalStatementSyntax global)
            {
                LocalKind top = InStatement(global.Statement, name, out constDeclaration, out constVariable);
                if (top != LocalKind.None)
                {
                    return top;
                }
            }
        }

        return LocalKind.None;
    }

    /// <summary>Declarations in the statements up to <paramref name="use"/> (a local used before its declaration is an error anyway).</summary>
    private static LocalKind InStatementsBefore(SyntaxList<StatementSyntax> statements, SyntaxNode use, string name, out VariableDeclarationSyntax? constDeclaration, out VariableDeclaratorSyntax? constVariable)
    {
        constDeclaration = null;
        constVariable = null;
        foreach (StatementSyntax statement in statements)
        {
            if (statement.SpanStart > use.SpanStart)
            {
                break;
            }

            LocalKind found = InStatement(statement, name, out constDeclaration, out constVariable);
            if (found != LocalKind.None)
            {
                return found;
            }
        }

        return LocalKind.None;
    }

    private static LocalKind InStatement(StatementSyntax statement, string name, out VariableDeclarationSyntax? constDeclaration, out VariableDeclaratorSyntax? constVariable)
    {
        constDeclaration = null;
        constVariable = null;
        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration:
                LocalKind kind = InDeclaration(declaration.Declaration, name, declaration.IsConst, out VariableDeclaratorSyntax? variable);
                if (kind == LocalKind.ConstLocal)
                {
                    constDeclaration = declaration.Declaration;
                    constVariable = variable;
                }

                return kind == LocalKind.None && Designates(declaration.Declaration, name) ? LocalKind.Local : kind; // var ok = d.TryGetValue(k, out var v);
            case LocalFunctionStatementSyntax localFunction when localFunction.Identifier.ValueText == name:
                return LocalKind.Local;
            case ExpressionStatementSyntax expression when Designates(expression.Expression, name):
                return LocalKind.Local; // var (a, b) = ...; int.TryParse(s, out var n);
            case IfStatementSyntax ifStatement when Designates(ifStatement.Condition, name):
                return LocalKind.Local; // if (x is Item item) ...: in scope in the statement and after it
            case ReturnStatementSyntax returnStatement when Designates(returnStatement.Expression, name):
            case ThrowStatementSyntax throwStatement when Designates(throwStatement.Expression, name):
            case SwitchStatementSyntax switchStatement when Designates(switchStatement.Expression, name):
                return LocalKind.Local;
            default:
                return LocalKind.None;
        }
    }

    private static LocalKind InDeclaration(VariableDeclarationSyntax declaration, string name, bool isConst) =>
        InDeclaration(declaration, name, isConst, out _);

    private static LocalKind InDeclaration(VariableDeclarationSyntax declaration, string name, bool isConst, out VariableDeclaratorSyntax? found)
    {
        foreach (VariableDeclaratorSyntax variable in declaration.Variables)
        {
            if (variable.Identifier.ValueText == name)
            {
                found = variable;
                return isConst ? LocalKind.ConstLocal : LocalKind.Local;
            }
        }

        found = null;
        return LocalKind.None;
    }

    /// <summary>
    /// False when a const local declared with <paramref name="type"/> cannot be a string: a predefined type other than
    /// <c>string</c> (<c>const int</c>), or a name that is neither <c>String</c> nor a using alias of a <c>String</c> (<c>const ResourceType</c>:
    /// an enum; a const of any other type is null). Syntax only.
    /// </summary>
    private static bool MayBeStringType(TypeSyntax type, ConstantHints? hints)
    {
        switch (type)
        {
            case PredefinedTypeSyntax predefined:
                return predefined.Keyword.IsKind(SyntaxKind.StringKeyword);
            case NullableTypeSyntax _:
            case ArrayTypeSyntax _:
            case PointerTypeSyntax _:
            case TupleTypeSyntax _:
            case GenericNameSyntax _:
                return false;
            default:
                string? name = type switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                    _ => null,
                };
                return name is null || name == "String" || hints is null || hints.IsStringAlias(name, type);
        }
    }

    /// <summary>
    /// The value of a const local written as <c>const string name = "literal";</c>, read from its initializer (no
    /// binding); false for anything else.
    /// </summary>
    public static bool TryLiteralConstLocal(ExpressionSyntax leaf, SyntaxNode? scope, out string value)
    {
        if (leaf is IdentifierNameSyntax identifier &&
            FindLocal(identifier, scope, out VariableDeclarationSyntax? declaration, out VariableDeclaratorSyntax? variable) == LocalKind.ConstLocal &&
            declaration!.Type is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.StringKeyword) &&
            variable!.Initializer?.Value is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            value = literal.Token.ValueText;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static LocalKind InParameters(BaseParameterListSyntax parameters, string name)
    {
        foreach (ParameterSyntax parameter in parameters.Parameters)
        {
            if (parameter.Identifier.ValueText == name)
            {
                return LocalKind.Local;
            }
        }

        return LocalKind.None;
    }
}
