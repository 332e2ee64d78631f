namespace BulkExportSample;

/// <summary>The "BulkExport" configuration section (appsettings.json, overridable with --Key=value arguments).</summary>
public sealed class ExportSettings
{
    public string? TenantId { get; set; }

    public Netsmart.CareConnect.CareConnectEnvironment Environment { get; set; } = Netsmart.CareConnect.CareConnectEnvironment.Production;

    public string? ClientId { get; set; }

    /// <summary>Path of the PEM private key registered (as JWKS) for private_key_jwt.</summary>
    public string? PrivateKeyPemFile { get; set; }

    public string? KeyId { get; set; }

    /// <summary>client_secret_basic instead of a key (prefer the key; keep secrets out of files you commit).</summary>
    public string? ClientSecret { get; set; }

    public string Scope { get; set; } = "system/*.rs";

    /// <summary>Empty for a system-level export.</summary>
    public string? GroupId { get; set; }

    /// <summary>Comma-separated resource types; empty for all.</summary>
    public string? Types { get; set; }

    public string OutputDirectory { get; set; } = "bulk-output";
}
