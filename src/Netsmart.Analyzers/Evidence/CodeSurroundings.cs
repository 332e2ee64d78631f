using Microsoft.CodeAnalysis.Diagnostics;
using Netsmart.Analyzers.Strings;
using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Rules;

namespace Netsmart.Analyzers.Evidence;

/// <summary>
/// What surrounds a string expression in C# code, as the rule decisions of the knowledge core ask for it: its
/// top-level type and file (<see cref="ApiEvidenceCache"/>), the project and the tenant option. Each fact is read
/// only when a decision asks for it.
/// </summary>
internal sealed class CodeSurroundings : IValueSurroundings
{
    private readonly SyntaxNodeAnalysisContext _context;
    private readonly StringExpression _expression;
    private readonly ApiEvidenceCache _evidence;

    public CodeSurroundings(SyntaxNodeAnalysisContext context, StringExpression expression, ApiEvidenceCache evidence)
    {
        _context = context;
        _expression = expression;
        _evidence = evidence;
    }

    public ValueSource Source => ValueSource.CSharp;

    public ApiEvidence Around() => _evidence.OfTypeOrFile(_expression.Root, _context.CancellationToken);

    public ApiEvidence OwningType() => _evidence.OfType(_expression.Root, _context.CancellationToken);

    public bool ShowsNetsmartUse() => _evidence.ShowsNetsmartUse(_expression.Root, _context.Options, _context.CancellationToken);
}
