namespace Netsmart.Knowledge.Evidence;

/// <summary>
/// The kind of input a value was found in. It says what "around the value" means, and so how a message names it:
/// C# code is read per top-level type and file (and project), a configuration file as a whole.
/// </summary>
internal enum ValueSource
{
    /// <summary>A string in C# code.</summary>
    CSharp,

    /// <summary>A string value of a JSON configuration file.</summary>
    ConfigFile,
}

/// <summary>How the messages name what was searched for evidence around a value.</summary>
internal static class ValueSourceText
{
    /// <summary>Where the APIs a value serves were looked for: "type or file", or "file".</summary>
    public static string ApiScope(ValueSource source) => source == ValueSource.ConfigFile ? "file" : "type or file";

    /// <summary>Where Netsmart use was looked for: "type, file or project", or "file or project".</summary>
    public static string NetsmartUseScope(ValueSource source) => source == ValueSource.ConfigFile ? "file or project" : "type, file or project";

    /// <summary>The subject that also names a non-migrating API: "this code also uses", or "this file also configures".</summary>
    public static string AlsoUses(ValueSource source) => source == ValueSource.ConfigFile ? "this file also configures" : "this code also uses";

    /// <summary>
    /// The subject whose system-level access makes a Patient Access URL backend use (NSM006): "this type uses", or
    /// "the settings around it use" (the nearest object of the file, or the file, that shows a kind of access).
    /// </summary>
    public static string BackendSubject(ValueSource source) => source == ValueSource.ConfigFile ? "the settings around it use" : "this type uses";
}
