using System;
using System.Collections.Generic;

namespace Netsmart.CareConnect.BulkData;

/// <summary>
/// The kick-off parameters of a Bulk Data 2.0 export (<c>$export</c>). Parameters left empty are not sent.
/// </summary>
public sealed class BulkExportRequest
{
    /// <summary>The export level; default <see cref="BulkExportLevel.System"/>.</summary>
    public BulkExportLevel Level { get; set; } = BulkExportLevel.System;

    /// <summary>The Group id, required for <see cref="BulkExportLevel.Group"/> (a FHIR id: letters, digits, '-' and '.', at most 64).</summary>
    public string? GroupId { get; set; }

    /// <summary><c>_type</c>: the resource types to export (sent comma-joined). Empty means all the client may see.</summary>
    public IList<string> Types { get; } = new List<string>();

    /// <summary><c>_since</c>: only resources changed after this instant.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary><c>_until</c>: only resources changed before this instant.</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary><c>_typeFilter</c>: FHIR search queries such as <c>MedicationRequest?status=active</c>, one parameter each.</summary>
    public IList<string> TypeFilters { get; } = new List<string>();

    /// <summary><c>_outputFormat</c>; default <c>application/fhir+ndjson</c>. Set to null to leave it to the server.</summary>
    public string? OutputFormat { get; set; } = "application/fhir+ndjson";

    /// <summary><c>includeAssociatedData</c>, for example <c>LatestProvenanceResources</c>.</summary>
    public IList<string> IncludeAssociatedData { get; } = new List<string>();

    /// <summary>
    /// <c>patient</c>: references such as <c>Patient/123</c> restricting a Group or Patient export. The Bulk Data IG
    /// allows this parameter with POST only, so a request with patients is always sent as POST.
    /// </summary>
    public IList<string> Patients { get; } = new List<string>();

    /// <summary>Send the kick-off as POST with a FHIR <c>Parameters</c> body instead of GET with a query string.</summary>
    public bool UsePost { get; set; }

    /// <summary>Sends <c>Prefer: handling=lenient</c> too, so the server may ignore parameters it does not support.</summary>
    public bool Lenient { get; set; }
}
