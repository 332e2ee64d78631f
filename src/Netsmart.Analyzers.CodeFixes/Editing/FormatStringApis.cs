namespace Netsmart.Analyzers.CodeFixes.Editing;

/// <summary>
/// The attributes and types by which <c>FormatStringContext</c> knows a format string declared in the project's own
/// code, and the texts a source file holds when it declares or applies one: the command line's prefilter keeps such a
/// file, whose declarations the fixers read from other files. Shared with the command line as linked source.
/// </summary>
internal static class FormatStringApis
{
    /// <summary><c>[StringSyntax(StringSyntaxAttribute.CompositeFormat)]</c> on a parameter.</summary>
    public const string StringSyntaxAttribute = "System.Diagnostics.CodeAnalysis.StringSyntaxAttribute";

    /// <summary>The <see cref="StringSyntaxAttribute"/> argument that marks a composite format string.</summary>
    public const string CompositeFormatSyntax = "CompositeFormat";

    /// <summary><c>[LoggerMessage(Message = "…")]</c> on a method.</summary>
    public const string LoggerMessageAttribute = "Microsoft.Extensions.Logging.LoggerMessageAttribute";

    /// <summary>What a source file that uses one of the above holds (an attribute may be written without its suffix).</summary>
    public static readonly string[] SourceTexts = { "StringSyntax", CompositeFormatSyntax, "LoggerMessage" };
}
