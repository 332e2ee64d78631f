namespace Netsmart.CareConnect;

/// <summary>The Certified v2 FHIR APIs of a CareConnect tenant.</summary>
public enum CareConnectApi
{
    /// <summary>Provider Patient Access (also used for practitioner access): <c>/provider/patient-access/v2/{tenant}</c>.</summary>
    ProviderPatientAccess = 0,

    /// <summary>Provider System Access (backend services, bulk export): <c>/provider/system-access/v2/{tenant}</c>.</summary>
    ProviderSystemAccess = 1,

    /// <summary>Payer Patient Access: <c>/payer/patient-access/v2/{tenant}</c>.</summary>
    PayerPatientAccess = 2,

    /// <summary>Payer System Access: <c>/payer/system-access/v2/{tenant}</c>.</summary>
    PayerSystemAccess = 3,
}
