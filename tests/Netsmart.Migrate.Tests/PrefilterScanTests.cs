using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Tests;

/// <summary>
/// What the prefilter reads of a C# text before any parse (<see cref="SourcePrefilter.FileSummary(string)"/>): the words
/// where a type declaration writes its name, and whether the file must be parsed whatever the other files hold (it writes
/// <c>const</c>, <c>enum</c>, <c>global</c>, an extension method's <c>this</c>, or a declaration the scan cannot read past).
/// The closure parses a file only when it needs its declarations; its answer must be the answer of parsing every file.
/// </summary>
public sealed class PrefilterScanTests
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.None);

    [Theory]
    [InlineData("public static class E\n{\n    public static string Key(this Service s) => \"\";\n}\n")]
    [InlineData("static class E { static int Sum(ref this Span<int> s) => 0; }")]
    [InlineData("static class E { static int Sum(scoped ref this Span<int> s) => 0; }")]
    [InlineData("static class E { static bool Empty([NotNullWhen(false)] this string? s) => s is null; }")]
    [InlineData("static class E { static int N(/* receiver */ this Foo f) => 0; }")]
    [InlineData("static class E\n{\n    static int N(\n        this Foo f) => 0;\n}")]
    [InlineData("static class E { static int N(this (int, int) pair) => 0; }")]
    [InlineData("static class E { static int N(this @Foo f) => 0; }")]
    [InlineData("static class E { extension(Service s) { public string Key => \"k\"; } }")]
    [InlineData("static class E { extension<T>(T value) { public T Self() => value; } }")]
    [InlineData("class Holder { const string Host = \"h\"; }")]
    [InlineData("enum Kind { A, B }")]
    [InlineData("global using H = App.Holder;")]
    [InlineData("class /* the holder */ Holder { }")]
    [InlineData("class\n#if X\nHolder\n#else\nOther\n#endif\n{ }")]
    [InlineData("class Hold\\u0065r { }")]
    [InlineData("class \\u0048older { }")]
    public void A_text_the_scan_cannot_read_whole_is_parsed_whatever_the_other_files_hold(string text) =>
        Assert.True(new SourcePrefilter.FileSummary(text).MustBeRead, text);

    [Theory]
    [InlineData("class C { C(int x) { this.x = x; } int x; }")]
    [InlineData("class C { object M() => Wrap(this); object Wrap(object o) => o; }")]
    [InlineData("/// <summary>Returns this instance.</summary>\nclass C { }")]
    [InlineData("class C<T> where T : class, new() { }")]
    [InlineData("class C { int M() => this[0]; int this[int i] => i; }")]
    [InlineData("class C { string Describe() => \"an extension of the API\"; }")]
    public void A_text_whose_declarations_the_scan_reads_is_not_parsed_for_them(string text) =>
        Assert.False(new SourcePrefilter.FileSummary(text).MustBeRead, text);

    [Theory]
    [InlineData("public sealed partial class Holder<T> : HolderBase where T : class { }", "Holder")]
    [InlineData("interface IHolder { }", "IHolder")]
    [InlineData("readonly record struct Point(int X, int Y);", "Point")]
    [InlineData("public record Service(Holder Current);", "Service")]
    [InlineData("struct\n    Pair\n{ }", "Pair")]
    [InlineData("class @Holder { }", "Holder")]
    [InlineData("public delegate Task<Result?> Handler<T>(T value);", "Handler")]
    [InlineData("class Outer { class Inner { } }", "Inner")]
    [InlineData("public enum Kind : byte { A }", "Kind")]
    public void A_type_declared_in_the_text_is_a_candidate(string text, string name)
    {
        var summary = new SourcePrefilter.FileSummary(text);

        Assert.Contains(SourcePrefilter.Hash(name), summary.TypeCandidates);
        Assert.Equal(text.Contains("enum", StringComparison.Ordinal), summary.MustBeRead); // an enum's members are constants
    }

    /// <summary>
    /// Over every C# file of this repository (analyzers, fixers, the tool, the runtime library, tests full of code in strings):
    /// the parse declares no type the text scan did not name, and every file with a constant, an enum member, an extension
    /// method or a global alias is one the scan says to parse.
    /// </summary>
    [Fact]
    public void On_real_code_the_scan_names_every_declared_type_and_marks_every_file_with_declarations_it_cannot_read()
    {
        var wrong = new List<string>();
        foreach ((string path, string text) in RepositoryFiles())
        {
            var scanned = new SourcePrefilter.FileSummary(text);
            var parsed = new SourcePrefilter.FileSummary(text, CSharpSyntaxTree.ParseText(text, Options).GetRoot());
            if (!parsed.Types.IsSubsetOf(scanned.TypeCandidates))
            {
                wrong.Add(path + ": a type the scan did not name");
            }

            bool readOnlyByParse = parsed.Constants.Count > 0 || parsed.ExtensionMethods.Count > 0 || parsed.GlobalUsingWords.Count > 0 ||
                parsed.Values.Exists(v => v.Parts != null);
            if (readOnlyByParse && !scanned.MustBeRead)
            {
                wrong.Add(path + ": declarations the scan cannot read, not marked to parse");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The closure over this repository's files: reading only what it asks for keeps what reading every file keeps.</summary>
    [Fact]
    public void On_real_code_the_closure_keeps_what_it_keeps_when_every_file_is_parsed()
    {
        // Nearly every file here names Netsmart or a scope (the package's own subject) and is parsed; the generated projects
        // (PrefilterTests) and docs/performance.md's codebases are where most files are not.
        AssertSameClosure(RepositoryFiles().Select(f => f.Text).ToList(), out _);
    }

    /// <summary>
    /// Runs the closure with every file parsed up front and with the files parsed as it asks for them; requires the same
    /// files kept, the same files that may hold findings and the same counts.
    /// </summary>
    /// <param name="texts">The C# texts.</param>
    /// <param name="read">How many files the closure asked to parse.</param>
    internal static void AssertSameClosure(IReadOnlyList<string> texts, out int read)
    {
        var eager = texts.Select(t => new SourcePrefilter.FileSummary(t, CSharpSyntaxTree.ParseText(t, Options).GetRoot())).ToList();
        bool[] eagerKeep = SourcePrefilter.Closure(eager, null, out var eagerCounts, out bool[] eagerFindings);

        var lazy = texts.Select(t => new SourcePrefilter.FileSummary(t)).ToList();
        int asked = 0;
        bool[] lazyKeep = SourcePrefilter.Closure(lazy, indexes =>
        {
            foreach (int i in indexes)
            {
                Assert.False(lazy[i].IsRead, "a file asked for twice");
                lazy[i].Read(CSharpSyntaxTree.ParseText(texts[i], Options).GetRoot());
                asked++;
            }
        }, out var lazyCounts, out bool[] lazyFindings);

        Assert.Equal(eagerKeep, lazyKeep);
        Assert.Equal(eagerFindings, lazyFindings);
        Assert.Equal(eagerCounts, lazyCounts);
        read = asked;
    }

    /// <summary>
    /// This repository's C# files, and those of the folders <c>NETSMART_PREFILTER_CORPORA</c> lists (opt-in, not in CI: e.g.
    /// docs/performance.md's three codebases, <c>/work/corpora/fhir-server:/work/corpora/bitwarden-server</c>).
    /// </summary>
    private static IEnumerable<(string Path, string Text)> RepositoryFiles() =>
        new[] { "src", "tests", "samples", "benchmarks" }
            .Select(folder => Path.Combine(RepositoryRoot.Path, folder))
            .Concat((Environment.GetEnvironmentVariable("NETSMART_PREFILTER_CORPORA") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (Path.GetRelativePath(RepositoryRoot.Path, path), File.ReadAllText(path)));
}
