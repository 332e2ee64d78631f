namespace LegacyClient;

/// <summary>Marks a client class with the FHIR server it talks to (a constant context: attribute argument).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class FhirServerAttribute(string baseUrl) : Attribute
{
    public string BaseUrl { get; } = baseUrl;

    public bool Preview { get; init; }
}
