namespace Netsmart.CareConnect;

/// <summary>What kind of SMART App Launch 2.0 scope a token is.</summary>
public enum SmartScopeKind
{
    /// <summary>Not a SMART scope (for example <c>CCD</c>).</summary>
    Other = 0,

    /// <summary><c>context/resource.permissions[?query]</c>.</summary>
    Clinical,

    /// <summary><c>launch</c> (EHR launch).</summary>
    Launch,

    /// <summary><c>launch/patient</c>, <c>launch/encounter</c>, ...</summary>
    LaunchContext,

    /// <summary><c>openid</c>.</summary>
    OpenId,

    /// <summary><c>fhirUser</c>.</summary>
    FhirUser,

    /// <summary><c>profile</c>.</summary>
    Profile,

    /// <summary><c>offline_access</c>.</summary>
    OfflineAccess,

    /// <summary><c>online_access</c>.</summary>
    OnlineAccess,

    /// <summary>An extension scope: a full URI or a token starting with <c>__</c>.</summary>
    Extension,
}

/// <summary>The context of a clinical scope.</summary>
public enum SmartScopeContext
{
    /// <summary>Not a clinical scope.</summary>
    None = 0,

    /// <summary><c>patient/</c>.</summary>
    Patient,

    /// <summary><c>user/</c>.</summary>
    User,

    /// <summary><c>system/</c> (backend services).</summary>
    System,
}

/// <summary>The permission syntax of a clinical scope.</summary>
public enum SmartScopeSyntax
{
    /// <summary>Not a clinical scope.</summary>
    None = 0,

    /// <summary>SMART v1: <c>read</c>, <c>write</c>, <c>*</c>.</summary>
    V1,

    /// <summary>SMART v2: letters of <c>cruds</c>, in that order.</summary>
    V2,
}
