namespace Netsmart.CareConnect.BulkData;

/// <summary>The level of a Bulk Data export kick-off.</summary>
public enum BulkExportLevel
{
    /// <summary>System level, <c>[base]/$export</c>: every resource the client may see.</summary>
    System = 0,

    /// <summary>Group level, <c>[base]/Group/[id]/$export</c>: the members of a Group and their data.</summary>
    Group = 1,

    /// <summary>Patient level, <c>[base]/Patient/$export</c>: all patients and their data.</summary>
    Patient = 2,
}
