using System;

namespace Netsmart.Knowledge.Evidence;

/// <summary>What a piece of text (a literal, a configuration value) says about the APIs the code around it talks to.</summary>
[Flags]
internal enum ApiEvidence
{
    None = 0,

    /// <summary>Certified v1/v2 URLs (an <c>aud</c> naming <c>uscore/v1</c> included).</summary>
    CertifiedUrl = 1,

    /// <summary>The APIs that stay on the original authorization server: <c>/v4</c>, <c>/fhir</c>, <c>/ccd</c>, PatientImage, <c>scope=CCD</c>.</summary>
    NonCertified = 2,

    /// <summary><c>system/</c> clinical scopes: backend (system-level) access.</summary>
    SystemScopes = 4,

    /// <summary>The <c>client_credentials</c> grant: backend (system-level) access.</summary>
    ClientCredentials = 8,

    /// <summary>SMART clinical scopes (<c>patient/Patient.read</c>...) and the SMART launch scopes.</summary>
    ClinicalScopes = 16,

    /// <summary>Patient-facing SMART use: <c>patient/</c> or <c>user/</c> scopes, launch scopes, <c>fhirUser</c>, the <c>authorization_code</c> grant.</summary>
    PatientFacing = 32,

    /// <summary>Any URL on a Netsmart API host (<c>netsmartcloud.com</c>), whatever the API: the code talks to Netsmart.</summary>
    NetsmartUrl = 64,

    /// <summary>
    /// Any sign of Certified use. The clinical scopes count only where nothing shows non-migrating use: the
    /// <c>/v4</c>, <c>/fhir</c>, <c>/ccd</c> and PatientImage APIs use SMART scopes too (see <see cref="ApiEvidenceScanner.Kind"/>).
    /// </summary>
    Certified = CertifiedUrl | ClinicalScopes,

    /// <summary>Either sign of system-level access.</summary>
    SystemLevel = SystemScopes | ClientCredentials,
}
