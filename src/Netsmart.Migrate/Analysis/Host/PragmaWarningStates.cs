using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Netsmart.Migrate.Analysis.Host;

/// <summary>
/// The <c>#pragma warning disable/restore</c> state of a tree (Roslyn's <c>SyntaxTree.GetPragmaDirectiveWarningState</c>
/// is internal): directives in order; one without ids sets every id and forgets the specific ones; the state at a
/// position is the one after the last directive before it.
/// </summary>
internal sealed class PragmaWarningStates
{
    private readonly List<(int Position, bool GeneralDisabled, ImmutableDictionary<string, bool> Disabled)> _entries = new();

    public PragmaWarningStates(SyntaxTree tree, CancellationToken cancellationToken)
    {
        SyntaxNode root = tree.GetRoot(cancellationToken);
        if (!root.ContainsDirectives)
        {
            return;
        }

        bool general = false;
        var noSpecific = ImmutableDictionary.Create<string, bool>(StringComparer.Ordinal); // "nsm001" is not NSM001, as in the compiler
        var specific = noSpecific;
        for (DirectiveTriviaSyntax? directive = ((CSharpSyntaxNode)root).GetFirstDirective();
             directive != null;
             directive = directive.GetNextDirective())
        {
            if (directive is not PragmaWarningDirectiveTriviaSyntax pragma || !pragma.IsActive)
            {
                continue;
            }

            bool? disabled = pragma.DisableOrRestoreKeyword.Kind() switch
            {
                SyntaxKind.DisableKeyword => true,
                SyntaxKind.RestoreKeyword => false,
                _ => null, // "enable": never changes what an analyzer diagnostic does here
            };
            if (disabled is null)
            {
                continue;
            }

            if (pragma.ErrorCodes.Count == 0)
            {
                general = disabled.Value;
                specific = noSpecific;
            }
            else
            {
                foreach (ExpressionSyntax code in pragma.ErrorCodes)
                {
                    if (code.IsMissing || code.ContainsDiagnostics)
                    {
                        continue;
                    }

                    string id = code switch
                    {
                        LiteralExpressionSyntax { Token.Value: int number } when code.IsKind(SyntaxKind.NumericLiteralExpression) =>
                            "CS" + number.ToString("0000", CultureInfo.InvariantCulture),
                        IdentifierNameSyntax name => name.Identifier.ValueText,
                        _ => string.Empty,
                    };
                    if (!string.IsNullOrWhiteSpace(id))
                    {
                        specific = specific.SetItem(id, disabled.Value);
                    }
                }
            }

            _entries.Add((directive.Span.End, general, specific));
        }
    }

    public bool IsDisabled(string id, int position)
    {
        for (int i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Position <= position)
            {
                return _entries[i].Disabled.TryGetValue(id, out bool disabled) ? disabled : _entries[i].GeneralDisabled;
            }
        }

        return false;
    }
}
