using Netsmart.Knowledge.Evidence;
using Netsmart.Knowledge.Rules;

namespace Netsmart.Knowledge.Tests.Rules;

/// <summary>Surroundings given as plain values, counting what a decision asks for.</summary>
internal sealed class FakeSurroundings : IValueSurroundings
{
    private readonly ApiEvidence around;
    private readonly ApiEvidence owningType;
    private readonly bool netsmartUse;

    public FakeSurroundings(
        ValueSource source = ValueSource.CSharp,
        ApiEvidence around = ApiEvidence.None,
        ApiEvidence owningType = ApiEvidence.None,
        bool netsmartUse = false)
    {
        Source = source;
        this.around = around;
        this.owningType = owningType;
        this.netsmartUse = netsmartUse;
    }

    public ValueSource Source { get; }

    public int AroundCalls { get; private set; }

    public int NetsmartUseCalls { get; private set; }

    public ApiEvidence Around()
    {
        AroundCalls++;
        return around;
    }

    public ApiEvidence OwningType() => owningType;

    public bool ShowsNetsmartUse()
    {
        NetsmartUseCalls++;
        return netsmartUse;
    }
}
