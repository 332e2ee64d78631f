using System;

namespace Netsmart.CareConnect;

/// <summary>The signed-in user from a validated id_token. <see cref="ToString"/> shows no claim values.</summary>
public sealed class CareConnectIdentity
{
    internal CareConnectIdentity(string subject, string? fhirUser, string issuer, DateTimeOffset expiresAt)
    {
        Subject = subject;
        FhirUser = fhirUser;
        Issuer = issuer;
        ExpiresAt = expiresAt;
    }

    /// <summary>The <c>sub</c> claim: the user at the tenant's authorization server.</summary>
    public string Subject { get; }

    /// <summary>
    /// The <c>fhirUser</c> claim: the absolute or relative URL of the user's Patient, Practitioner, RelatedPerson
    /// or Person resource (requested with the <c>fhirUser</c> scope), or <see langword="null"/>.
    /// </summary>
    public string? FhirUser { get; }

    /// <summary>The <c>iss</c> claim (the tenant's authorization server).</summary>
    public string Issuer { get; }

    /// <summary>When the id_token expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <inheritdoc />
    public override string ToString() => "CareConnectIdentity { Subject = ***, FhirUser = " + (FhirUser is null ? "-" : "***") + " }";
}
