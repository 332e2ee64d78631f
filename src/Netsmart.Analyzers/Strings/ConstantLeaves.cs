using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Netsmart.Analyzers.Strings
{
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
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, string[]>> SourceConstants =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<string, string[]>>();

        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<System.Reflection.MethodInfo, Lazy<bool>>> SourceMention =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<System.Reflection.MethodInfo, Lazy<bool>>>();

        private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<System.Reflection.MethodInfo, bool>> TreeMention =
            new ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<System.Reflection.MethodInfo, bool>>();

        /// <summary>Whether <paramref name="leaf"/> (not a literal, not an interpolated string) can be a string constant.</summary>
        public static LeafConstness Classify(ExpressionSyntax leaf, Compilation? compilation)
        {
            switch (leaf)
            {
                case IdentifierNameSyntax identifier:
                    switch (FindLocal(identifier))
                    {
                        case LocalKind.Local:
                            return LeafConstness.NotConstant;
                        default:
                            return LeafConstness.MaybeConstant;
                    }

                case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                    return IsInstanceReceiver(access.Expression, compilation) ? LeafConstness.NotConstant : LeafConstness.MaybeConstant;

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

                case BinaryExpressionSyntax binary when !binary.IsKind(SyntaxKind.AddExpression) && !binary.IsKind(SyntaxKind.CoalesceExpression):
                    return LeafConstness.NotConstant; // arithmetic, comparisons, logic: never a string
                case PrefixUnaryExpressionSyntax _:
                    return LeafConstness.NotConstant; // -x, !x, ~x, ++x: never a string

                case CastExpressionSyntax cast:
                    return Classify(cast.Expression, compilation);
                case ParenthesizedExpressionSyntax parenthesized:
                    return Classify(parenthesized.Expression, compilation);
                case ConditionalExpressionSyntax conditional:
                    return Classify(conditional.WhenTrue, compilation) == LeafConstness.NotConstant &&
                           Classify(conditional.WhenFalse, compilation) == LeafConstness.NotConstant
                        ? LeafConstness.NotConstant
                        : LeafConstness.MaybeConstant;

                default:
                    return LeafConstness.MaybeConstant; // checked(...), qualified names, ...: ask
            }
        }

        /// <summary>
        /// Whether a <see cref="LeafConstness.MaybeConstant"/> leaf may be a constant whose value passes <paramref name="hasHint"/>.
        /// Conservative (true) whenever the answer would need binding; false only when every constant the name can
        /// denote is a source constant field whose value fails the hint, or when the name is no constant at all.
        /// </summary>
        public static bool MayHoldHint(ExpressionSyntax leaf, Compilation compilation, Func<string, bool> hasHint)
        {
            if (!SourceMentions(compilation, hasHint))
            {
                // No source text holds the hint, so no source constant (field or local) does: only a metadata constant
                // could, reached through a type name or a static import.
                return leaf switch
                {
                    IdentifierNameSyntax identifier => HasStaticImport(identifier),
                    MemberAccessExpressionSyntax access => !IsInstanceReceiver(access.Expression, compilation) &&
                        !(RightmostName(access.Expression) is string receiver && SourceNames.Of(compilation).IsType(receiver)),
                    InvocationExpressionSyntax _ => false, // nameof(x) is text written here
                    _ => true,
                };
            }

            switch (leaf)
            {
                case IdentifierNameSyntax identifier:
                {
                    if (FindLocal(identifier) == LocalKind.ConstLocal)
                    {
                        return true; // a const local: its value needs binding
                    }

                    // A field or member constant of the enclosing types (or of a base type). A simple name that is no
                    // member of any source type denotes a metadata member reached by inheritance or 'using static'.
                    string name = identifier.Identifier.ValueText;
                    return SourceNames.Of(compilation).IsMember(name)
                        ? AnySourceConstant(compilation, name, hasHint)
                        : HasStaticImport(identifier);
                }

                case MemberAccessExpressionSyntax access:
                {
                    // Type.Name: a source type's constant is looked up by name; a metadata type's constant needs binding.
                    string name = access.Name.Identifier.ValueText;
                    string? receiver = RightmostName(access.Expression);
                    if (receiver != null && SourceNames.Of(compilation).IsType(receiver) &&
                        SourceNames.Of(compilation).IsMember(name))
                    {
                        return AnySourceConstant(compilation, name, hasHint);
                    }

                    return true;
                }

                case InvocationExpressionSyntax invocation:
                    // nameof(a.b.C) is "C".
                    return invocation.ArgumentList.Arguments.Count == 1 &&
                           RightmostName(invocation.ArgumentList.Arguments[0].Expression) is string n && hasHint(n);

                case CastExpressionSyntax cast:
                    return Classify(cast.Expression, compilation) == LeafConstness.MaybeConstant && MayHoldHint(cast.Expression, compilation, hasHint);
                case ParenthesizedExpressionSyntax parenthesized:
                    return Classify(parenthesized.Expression, compilation) == LeafConstness.MaybeConstant && MayHoldHint(parenthesized.Expression, compilation, hasHint);
                case ConditionalExpressionSyntax conditional:
                    return MayHoldHintOrIsString(conditional.WhenTrue, compilation, hasHint) || MayHoldHintOrIsString(conditional.WhenFalse, compilation, hasHint);

                default:
                    return true;
            }
        }

        private static bool MayHoldHintOrIsString(ExpressionSyntax branch, Compilation compilation, Func<string, bool> hasHint) =>
            branch is LiteralExpressionSyntax literal
                ? literal.IsKind(SyntaxKind.StringLiteralExpression) && hasHint(literal.Token.ValueText)
                : branch is InterpolatedStringExpressionSyntax || (Classify(branch, compilation) == LeafConstness.MaybeConstant && MayHoldHint(branch, compilation, hasHint));

        /// <summary>
        /// True when some syntax tree of the compilation may hold <paramref name="hasHint"/>'s text in a literal: its text
        /// passes the hint, or it has a \u, \U or \x escape (which could spell it). Computed once per tree and hint.
        /// </summary>
        private static bool SourceMentions(Compilation compilation, Func<string, bool> hasHint)
        {
            ConcurrentDictionary<System.Reflection.MethodInfo, Lazy<bool>> byHint = SourceMention.GetValue(
                compilation, _ => new ConcurrentDictionary<System.Reflection.MethodInfo, Lazy<bool>>());
            return byHint.GetOrAdd(hasHint.Method, _ => new Lazy<bool>(() =>
            {
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    if (TreeMentions(tree, hasHint))
                    {
                        return true;
                    }
                }

                return false;
            })).Value;
        }

        /// <summary>
        /// Per tree, so that the next compilation (the IDE makes one per edit) rescans only the trees that changed.
        /// </summary>
        private static bool TreeMentions(SyntaxTree tree, Func<string, bool> hasHint)
        {
            ConcurrentDictionary<System.Reflection.MethodInfo, bool> byHint = TreeMention.GetValue(
                tree, _ => new ConcurrentDictionary<System.Reflection.MethodInfo, bool>());
            return byHint.GetOrAdd(hasHint.Method, _ =>
            {
                string text = tree.GetText().ToString();
                return hasHint(text) || text.IndexOf("\\u", StringComparison.Ordinal) >= 0 ||
                    text.IndexOf("\\U", StringComparison.Ordinal) >= 0 || text.IndexOf("\\x", StringComparison.Ordinal) >= 0;
            });
        }

        /// <summary>
        /// The names of the source types, namespaces and members of a compilation, collected once per compilation
        /// (<see cref="Compilation.ContainsSymbolsWithName(string, SymbolFilter, System.Threading.CancellationToken)"/>
        /// walks every type declaration on each call: quadratic over a large solution).
        /// </summary>
        private sealed class SourceNames
        {
            private static readonly ConditionalWeakTable<Compilation, SourceNames> Cache = new ConditionalWeakTable<Compilation, SourceNames>();

            private readonly HashSet<string> _types = new HashSet<string>(StringComparer.Ordinal);
            private readonly HashSet<string> _members = new HashSet<string>(StringComparer.Ordinal);

            private SourceNames(Compilation compilation)
            {
                var pending = new Stack<INamespaceOrTypeSymbol>();
                pending.Push(compilation.Assembly.GlobalNamespace);
                while (pending.Count > 0)
                {
                    INamespaceOrTypeSymbol current = pending.Pop();
                    if (current is INamespaceSymbol ns)
                    {
                        foreach (INamespaceOrTypeSymbol member in ns.GetMembers())
                        {
                            _types.Add(member.Name);
                            pending.Push(member);
                        }
                    }
                    else if (current is INamedTypeSymbol type)
                    {
                        _members.UnionWith(type.MemberNames);
                        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
                        {
                            _types.Add(nested.Name);
                            pending.Push(nested);
                        }
                    }
                }
            }

            public static SourceNames Of(Compilation compilation) => Cache.GetValue(compilation, c => new SourceNames(c));

            /// <summary>True when a source type or namespace has this name.</summary>
            public bool IsType(string name) => _types.Contains(name);

            /// <summary>True when a source type declares a member of this name.</summary>
            public bool IsMember(string name) => _members.Contains(name);
        }

        private static bool AnySourceConstant(Compilation compilation, string name, Func<string, bool> hasHint)
        {
            string[] values = SourceConstants.GetValue(compilation, _ => new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal))
                .GetOrAdd(name, n => ConstantValues(compilation, n));
            foreach (string value in values)
            {
                if (hasHint(value))
                {
                    return true;
                }
            }

            return false;
        }

        private static string[] ConstantValues(Compilation compilation, string name)
        {
            List<string>? values = null;
            foreach (ISymbol symbol in compilation.GetSymbolsWithName(name, SymbolFilter.Member))
            {
                if (symbol is IFieldSymbol { IsConst: true, ConstantValue: string value })
                {
                    (values ??= new List<string>()).Add(value);
                }
            }

            return values?.ToArray() ?? Array.Empty<string>();
        }

        /// <summary>
        /// True when <paramref name="receiver"/> is an instance (a local, a parameter, this, a field or property, a call...),
        /// so <c>receiver.Name</c> is an instance member: never a constant. False when it may be a type or namespace.
        /// </summary>
        private static bool IsInstanceReceiver(ExpressionSyntax receiver, Compilation? compilation)
        {
            switch (receiver)
            {
                case IdentifierNameSyntax identifier:
                {
                    string name = identifier.Identifier.ValueText;
                    switch (FindLocal(identifier))
                    {
                        case LocalKind.Local:
                            // "Color Color": a local named like its type reaches the type's constants too.
                            return !(name.Length > 0 && char.IsUpper(name[0]));
                        case LocalKind.ConstLocal:
                            return true; // a member of a constant's value (.Length) is no constant
                    }

                    // A field or property of some source type (and no source type of that name): an instance.
                    return compilation != null && SourceNames.Of(compilation).IsMember(name) && !SourceNames.Of(compilation).IsType(name);
                }

                case MemberAccessExpressionSyntax _:
                case AliasQualifiedNameSyntax _:
                case GenericNameSyntax _:       // a generic type: Type<T>.Constant
                case PredefinedTypeSyntax _:    // string.Empty is no constant, but int.MaxValue... are not strings either
                    return receiver is PredefinedTypeSyntax;

                default:
                    return true; // this, base, calls, element access, literals, parenthesized values...
            }
        }

        private static string? RightmostName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        };

        private static bool HasStaticImport(SyntaxNode node)
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
                    if (directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword))
                    {
                        return true;
                    }
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
        private static LocalKind FindLocal(IdentifierNameSyntax identifier)
        {
            string name = identifier.Identifier.ValueText;

            // A parameter of the enclosing member first (cheap): no local may shadow it.
            for (SyntaxNode? current = identifier.Parent; current != null; current = current.Parent)
            {
                if (current is BaseMethodDeclarationSyntax method)
                {
                    if (InParameters(method.ParameterList, name) != LocalKind.None)
                    {
                        return LocalKind.Local;
                    }

                    break;
                }

                if (current is MemberDeclarationSyntax)
                {
                    break;
                }
            }

            SyntaxNode child = identifier;
            for (SyntaxNode? current = identifier.Parent; current != null; child = current, current = current.Parent)
            {
                LocalKind found = LocalKind.None;
                switch (current)
                {
                    case BlockSyntax block:
                        found = InStatementsBefore(block.Statements, child, name);
                        break;
                    case SwitchSectionSyntax section:
                        found = InStatementsBefore(section.Statements, child, name);
                        break;
                    case ForStatementSyntax forStatement when forStatement.Declaration != null:
                        found = InDeclaration(forStatement.Declaration, name, isConst: false);
                        break;
                    case ForEachStatementSyntax forEach when forEach.Identifier.ValueText == name:
                        return LocalKind.Local;
                    case UsingStatementSyntax usingStatement when usingStatement.Declaration != null:
                        found = InDeclaration(usingStatement.Declaration, name, isConst: false);
                        break;
                    case FixedStatementSyntax fixedStatement:
                        found = InDeclaration(fixedStatement.Declaration, name, isConst: false);
                        break;
                    case CatchClauseSyntax catchClause when catchClause.Declaration?.Identifier.ValueText == name:
                        return LocalKind.Local;
                    case SimpleLambdaExpressionSyntax lambda when lambda.Parameter.Identifier.ValueText == name:
                        return LocalKind.Local;
                    case ParenthesizedLambdaExpressionSyntax lambda:
                        found = InParameters(lambda.ParameterList, name);
                        break;
                    case AnonymousMethodExpressionSyntax anonymous when anonymous.ParameterList != null:
                        found = InParameters(anonymous.ParameterList, name);
                        break;
                    case LocalFunctionStatementSyntax localFunction:
                        found = InParameters(localFunction.ParameterList, name);
                        break;
                    case BaseMethodDeclarationSyntax method:
                        return InParameters(method.ParameterList, name);
                    case IndexerDeclarationSyntax indexer:
                        return InParameters(indexer.ParameterList, name);
                    case AccessorDeclarationSyntax accessor when name == "value" &&
                        (accessor.IsKind(SyntaxKind.SetAccessorDeclaration) || accessor.IsKind(SyntaxKind.InitAccessorDeclaration) ||
                         accessor.IsKind(SyntaxKind.AddAccessorDeclaration) || accessor.IsKind(SyntaxKind.RemoveAccessorDeclaration)):
                        return LocalKind.Local;
                    case TypeDeclarationSyntax type:
                        return type.ParameterList != null ? InParameters(type.ParameterList, name) : LocalKind.None;
                    case CompilationUnitSyntax unit:
                        if (name == "args")
                        {
                            return LocalKind.Local;
                        }

                        foreach (MemberDeclarationSyntax member in unit.Members)
                        {
                            if (member is GlobalStatementSyntax global)
                            {
                                LocalKind top = InStatement(global.Statement, name);
                                if (top != LocalKind.None)
                                {
                                    return top;
                                }
                            }
                        }

                        return LocalKind.None;
                }

                if (found != LocalKind.None)
                {
                    return found;
                }
            }

            return LocalKind.None;
        }

        /// <summary>Declarations in the statements up to <paramref name="use"/> (a local used before its declaration is an error anyway).</summary>
        private static LocalKind InStatementsBefore(SyntaxList<StatementSyntax> statements, SyntaxNode use, string name)
        {
            foreach (StatementSyntax statement in statements)
            {
                if (statement.SpanStart > use.SpanStart)
                {
                    break;
                }

                LocalKind found = InStatement(statement, name);
                if (found != LocalKind.None)
                {
                    return found;
                }
            }

            return LocalKind.None;
        }

        private static LocalKind InStatement(StatementSyntax statement, string name)
        {
            switch (statement)
            {
                case LocalDeclarationStatementSyntax declaration:
                    return InDeclaration(declaration.Declaration, name, declaration.IsConst);
                case LocalFunctionStatementSyntax localFunction when localFunction.Identifier.ValueText == name:
                    return LocalKind.Local;
                default:
                    return LocalKind.None;
            }
        }

        private static LocalKind InDeclaration(VariableDeclarationSyntax declaration, string name, bool isConst)
        {
            foreach (VariableDeclaratorSyntax variable in declaration.Variables)
            {
                if (variable.Identifier.ValueText == name)
                {
                    return isConst ? LocalKind.ConstLocal : LocalKind.Local;
                }
            }

            return LocalKind.None;
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
}
