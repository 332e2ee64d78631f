using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Rules;

namespace Netsmart.Knowledge.Tests.Rules;

/// <summary>Surroundings given as plain values, counting what a decision asks for.</summary>
internal sealed class FakeSurroundings : IValueSurroundings
{
    private readonly ApiEvidence _around;
    private readonly ApiEvidence _owningType;
    private readonly bool _netsmartUse;

    public FakeSurroundings(
        ValueSource source = ValueSource.CSharp,
        ApiEvidence around = ApiEvidence.None,
        ApiEvidence owningType = ApiEvidence.None,
        bool netsmartUse = false)
    {
        Source = source;
        _around = around;
        _owningType = owningType;
        _netsmartUse = netsmartUse;
    }

    public ValueSource Source { get; }

    public int AroundCalls { get; private set; }

    public int NetsmartUseCalls { get; private set; }

    public ApiEvidence Around()
    {
        AroundCalls++;
        return _around;
    }

    public ApiEvidence OwningType() => _owningType;

    public bool ShowsNetsmartUse()
    {
        NetsmartUseCalls++;
        return _netsmartUse;
    }
}
