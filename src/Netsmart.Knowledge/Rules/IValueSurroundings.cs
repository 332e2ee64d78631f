using Netsmart.Knowledge.Evidence;

namespace Netsmart.Knowledge.Rules;

/// <summary>
/// What the code or file around one value shows: the input a front end (C# analyzer, configuration-file scanner)
/// supplies to a rule decision. Each member is asked only when the decision needs it, so a front end may compute
/// it on demand.
/// </summary>
internal interface IValueSurroundings
{
    /// <summary>The kind of input the value was found in (it words the messages).</summary>
    ValueSource Source { get; }

    /// <summary>
    /// The evidence around the value, to tell which APIs it serves. C#: its top-level type, joined by its file when
    /// the type names no API. Configuration file: the whole file.
    /// </summary>
    ApiEvidence Around();

    /// <summary>
    /// The evidence of the unit whose kind of access (backend or patient-facing) decides the v2 API a Patient Access
    /// URL moves to. C#: its top-level type. Configuration file: the nearest JSON object (or array) around the value
    /// that holds a value with system-level or patient-facing evidence, else the whole file.
    /// </summary>
    ApiEvidence OwningType();

    /// <summary>
    /// Whether the code around shows Netsmart use, beyond the value itself. C#: the project (a reference to
    /// Netsmart.CareConnect, the project-wide tenant option), the tenant option of the file, a Netsmart URL in the
    /// type or file. Configuration file: the project, or a Netsmart URL anywhere in the file.
    /// </summary>
    bool ShowsNetsmartUse();
}

internal static class ValueSurroundings
{
    /// <summary>
    /// Which APIs a value serves (<see cref="ApiEvidenceScanner.Apis"/>): from its own evidence when that decides
    /// alone, else joined by what is around it, which is then the only time <see cref="IValueSurroundings.Around"/> is asked.
    /// </summary>
    public static ApiEvidence Apis(this IValueSurroundings surroundings, ApiEvidence own) =>
        ApiEvidenceScanner.Apis(own, ApiEvidenceScanner.DecidesAlone(own) ? ApiEvidence.None : surroundings.Around());
}
