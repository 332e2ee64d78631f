using System;

namespace Netsmart.Knowledge.Scopes;

/// <summary>What kind of SMART App Launch 2.0 scope a token is (SMART STU2 §2.1, §2.2).</summary>
internal enum ScopeKind
{
    /// <summary>Not a SMART scope we know, for example <c>CCD</c>, or an empty token.</summary>
    Other = 0,

    /// <summary><c>context/resource.permissions[?query]</c>.</summary>
    Clinical,

    /// <summary><c>launch</c> (EHR launch).</summary>
    Launch,

    /// <summary><c>launch/patient</c>, <c>launch/encounter</c>, ... (lowercase context type).</summary>
    LaunchContext,

    /// <summary><c>openid</c>.</summary>
    OpenId,

    /// <summary><c>fhirUser</c>.</summary>
    FhirUser,

    /// <summary><c>profile</c> (SMART v1 companion of <c>openid</c>).</summary>
    Profile,

    /// <summary><c>offline_access</c>.</summary>
    OfflineAccess,

    /// <summary><c>online_access</c>.</summary>
    OnlineAccess,

    /// <summary>An extension scope: a full URI, or a token starting with <c>__</c>.</summary>
    Extension,
}

/// <summary>The context part of a clinical scope.</summary>
internal enum ScopeContext
{
    /// <summary>Not a clinical scope.</summary>
    None = 0,
    Patient,
    User,
    System,
}

/// <summary>Which permission syntax a clinical scope uses.</summary>
internal enum ScopeSyntax
{
    /// <summary>Not a clinical scope.</summary>
    None = 0,

    /// <summary>SMART v1: <c>read</c>, <c>write</c> or <c>*</c>.</summary>
    V1,

    /// <summary>SMART v2: letters from <c>cruds</c> (possibly malformed, see <see cref="PermissionProblems"/>).</summary>
    V2,
}

/// <summary>Why a v2 permission string is malformed. Several flags may be set.</summary>
[Flags]
internal enum PermissionProblems
{
    None = 0,

    /// <summary>No permission letters at all (<c>patient/Observation.</c>).</summary>
    Empty = 1,

    /// <summary>A character that is not one of <c>c r u d s</c> (case-sensitive).</summary>
    UnknownLetters = 2,

    /// <summary>The same letter more than once (<c>rrs</c>).</summary>
    RepeatedLetters = 4,

    /// <summary>Letters not in <c>cruds</c> order (<c>sr</c>, <c>dus</c>).</summary>
    OutOfOrder = 8,
}
