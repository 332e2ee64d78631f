using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Netsmart.Analyzers.Benchmarks;

/// <summary>A set of C# files to analyze: a folder on disk or a synthetic corpus.</summary>
internal sealed class Corpus
{
    private Corpus(string name, IReadOnlyList<(string Path, string Text)> files, int netsmartLiterals)
    {
        Name = name;
        Files = files;
        NetsmartLiterals = netsmartLiterals;
        Lines = files.Sum(f => CountLines(f.Text));
    }

    public string Name { get; }

    public IReadOnlyList<(string Path, string Text)> Files { get; }

    public int Lines { get; }

    /// <summary>Netsmart URL/scope literals the generator wrote (-1 for a folder: unknown).</summary>
    public int NetsmartLiterals { get; }

    /// <param name="folder">Every *.cs file under it, bin and obj folders skipped.</param>
    /// <param name="excludeDirSuffix">When set, files under a folder whose name ends with it are skipped too (e.g. <c>Migrations</c>).</param>
    public static Corpus FromFolder(string folder, string? excludeDirSuffix = null)
    {
        string root = Path.GetFullPath(folder);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !Path.GetRelativePath(root, Path.GetDirectoryName(p)!).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
                .Any(s => s is "bin" or "obj" || (excludeDirSuffix != null && s.EndsWith(excludeDirSuffix, StringComparison.Ordinal))))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p)))
            .ToList();
        return new Corpus("folder " + folder, files, -1);
    }

    /// <summary>
    /// A deterministic synthetic corpus: <paramref name="files"/> files of about <paramref name="linesPerFile"/> lines of
    /// ordinary code (strings, paths, interpolations, concatenations, arithmetic...), where a fraction
    /// <paramref name="density"/> of the statements holds a Netsmart URL or SMART scope, in every literal form.
    /// </summary>
    public static Corpus Synthetic(int files, int linesPerFile, double density, int seed = 20251129)
    {
        var random = new Random(seed);
        var list = new List<(string, string)>(files);
        int netsmart = 0;
        for (int f = 0; f < files; f++)
        {
            list.Add(("/corpus/N" + (f / 50).ToString(CultureInfo.InvariantCulture) + "/File" + f.ToString(CultureInfo.InvariantCulture) + ".cs",
                GenerateFile(random, f, linesPerFile, density, ref netsmart)));
        }

        string name = string.Format(CultureInfo.InvariantCulture, "synthetic {0} files x {1} lines, density {2:0.###}", files, linesPerFile, density);
        return new Corpus(name, list, netsmart);
    }

    /// <summary>
    /// A corpus with exactly <paramref name="literalsPerFile"/> Netsmart literals per file (for Fix-All), in about
    /// <paramref name="linesPerFile"/> lines.
    /// </summary>
    public static Corpus ForFixAll(int files, int linesPerFile, int literalsPerFile, int seed = 7)
    {
        var random = new Random(seed);
        var list = new List<(string, string)>(files);
        int netsmart = 0;
        for (int f = 0; f < files; f++)
        {
            list.Add(("/fixall/File" + f.ToString(CultureInfo.InvariantCulture) + ".cs", GenerateFixAllFile(random, f, linesPerFile, literalsPerFile, ref netsmart)));
        }

        return new Corpus(string.Format(CultureInfo.InvariantCulture, "fix-all {0} files x {1} Netsmart literals", files, literalsPerFile), list, netsmart);
    }

    /// <summary>
    /// One file holding one Certified v1 URL followed by <paramref name="operands"/> constant <c>+ "/x"</c> operands
    /// (generated code, query builders): analysis and Fix-All must stay linear in the operands.
    /// </summary>
    public static Corpus Chain(int operands)
    {
        var sb = new StringBuilder("namespace Chain\n{\n    public static class C\n    {\n        public const string Url = \"https://fhir.netsmartcloud.com/uscore/v1/Patient\"");
        for (int i = 0; i < operands; i++)
        {
            sb.Append(" + \"/x\"");
        }

        sb.Append(";\n    }\n}\n");
        return new Corpus(string.Format(CultureInfo.InvariantCulture, "chain of {0:N0} operands", operands), new[] { ("/chain/Chain.cs", sb.ToString()) }, 1);
    }

    private static int CountLines(string text)
    {
        int n = 1;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                n++;
            }
        }

        return n;
    }

    private static string GenerateFile(Random random, int index, int lines, double density, ref int netsmart)
    {
        var sb = new StringBuilder(lines * 48);
        string id = index.ToString(CultureInfo.InvariantCulture);
        sb.Append("// Synthetic corpus file ").Append(id).Append('\n');
        sb.Append("using System;\nusing System.Collections.Generic;\nusing System.Text;\n\n");
        sb.Append("namespace Corpus.N").Append(index / 50).Append("\n{\n");
        sb.Append("    public sealed partial class C").Append(id).Append("\n    {\n");
        sb.Append("        private const string Name = \"C").Append(id).Append("\";\n");
        sb.Append("        private const string Separator = \"/\";\n");
        sb.Append("        private readonly List<string> _items = new List<string>();\n");
        sb.Append("        public string Title { get; set; } = \"Untitled \" + Name;\n\n");
        int written = 10;
        int method = 0;
        while (written < lines - 4)
        {
            int statements = Math.Min(random.Next(6, 24), Math.Max(1, lines - 4 - written - 5));
            sb.Append("        public int M").Append(method).Append("(int a, int b, string s, List<string> list)\n        {\n");
            sb.Append("            int total = a + b;\n");
            for (int k = 0; k < statements; k++)
            {
                string v = "v" + k.ToString(CultureInfo.InvariantCulture);
                if (random.NextDouble() < density)
                {
                    sb.Append("            ").Append(NetsmartStatement(random, v)).Append('\n');
                    netsmart++;
                }
                else
                {
                    sb.Append("            ").Append(NoiseStatement(random, v, k)).Append('\n');
                }
            }

            sb.Append("            return total;\n        }\n\n");
            written += statements + 5;
            method++;
        }

        sb.Append("    }\n}\n");
        return sb.ToString();
    }

    private static string GenerateFixAllFile(Random random, int index, int lines, int literals, ref int netsmart)
    {
        var sb = new StringBuilder(lines * 48);
        string id = index.ToString(CultureInfo.InvariantCulture);
        sb.Append("using System;\nusing System.Collections.Generic;\n\nnamespace FixAll\n{\n");
        sb.Append("    public sealed class F").Append(id).Append("\n    {\n");
        sb.Append("        public int M(int a, int b, string s, List<string> list)\n        {\n            int total = a + b;\n");
        int noise = Math.Max(0, lines - 12 - literals);
        int written = 0;
        for (int k = 0; k < literals + noise; k++)
        {
            string v = "v" + k.ToString(CultureInfo.InvariantCulture);
            bool wantNetsmart = written < literals && random.Next(literals + noise - k) < literals - written;
            if (wantNetsmart)
            {
                sb.Append("            ").Append(FixableStatement(random, v)).Append('\n');
                written++;
                netsmart++;
            }
            else
            {
                sb.Append("            ").Append(NoiseStatement(random, v, k)).Append('\n');
            }
        }

        sb.Append("            return total;\n        }\n    }\n}\n");
        return sb.ToString();
    }

    /// <summary>Ordinary code: what almost every literal of a real solution looks like.</summary>
    private static string NoiseStatement(Random random, string v, int k)
    {
        string n = random.Next(10000).ToString(CultureInfo.InvariantCulture);
        switch (random.Next(20))
        {
            case 0: return "var " + v + " = \"Hello, world " + n + "\";";
            case 1: return "string " + v + " = \"/api/items/\" + s;";
            case 2: return "string " + v + " = s + \".\" + Name + Separator + a;";
            case 3: return "string " + v + " = $\"Item {a} of {s} ({b:N0})\";";
            case 4: return "string " + v + " = @\"C:\\temp\\file" + n + ".txt\";";
            case 5: return "list.Add(\"value\" + a);";
            case 6: return "if (s == \"key" + n + "\") { total += " + n + "; }";
            case 7: return "Console.WriteLine(\"Processing {0} of {1}\", a, b);";
            case 8: return "int " + v + " = \"bytes" + n + "\"u8.Length;";
            case 9: return "string " + v + " = \"\"\"raw text " + n + " with \"quotes\" \"\"\";";
            case 10: return "// Comment " + n + ": compute the next value of the series.";
            case 11: return "total = total * 3 + a - b;";
            case 12: return "int " + v + " = a + b * " + k.ToString(CultureInfo.InvariantCulture) + ";";
            case 13: return "var " + v + " = new StringBuilder().Append(\"<div class=\\\"x\\\">\").Append(s).Append(\"</div>\").ToString();";
            case 14: return "string " + v + " = $\"/orders/{a}/lines/{b}?expand=true\";";
            case 15: return "string " + v + " = \"https://api.example.com/v1/resources/\" + a;";
            case 16: return "total += s.Length + Name.Length;";
            case 17: return "string " + v + " = Title + \" - \" + s;";
            case 18: return "_items.Add(string.Concat(\"a\", \"b\", s));";
            default: return "if (list.Count > " + n + ") { return list.Count; }";
        }
    }

    private static readonly string[] Resources = { "Patient", "Observation", "Condition", "Encounter", "MedicationRequest" };

    /// <summary>A Netsmart URL or SMART scope, in one of every literal form and context.</summary>
    private static string NetsmartStatement(Random random, string v)
    {
        string resource = Resources[random.Next(Resources.Length)];
        switch (random.Next(12))
        {
            case 0: return "string " + v + " = \"https://fhir.netsmartcloud.com/uscore/v1/" + resource + "/\" + s;";
            case 1: return "string " + v + " = @\"https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/1/$export\";";
            case 2: return "string " + v + " = $\"https://fhirtest.netsmartcloud.com/uscore/v1/" + resource + "?patient={a}\";";
            case 3: return "string " + v + " = \"\"\"https://oauth.netsmartcloud.com/token\"\"\";";
            case 4: return "int " + v + " = \"https://fhir.netsmartcloud.com/uscore/v1/metadata\"u8.Length;";
            case 5: return "string " + v + " = \"patient/" + resource + ".read patient/Observation.read launch/patient\";";
            case 6: return "string " + v + " = \"https://fhir.netsmartcloud.com/provider/patient-access/v2/" + resource + "\";";
            case 7: return "string " + v + " = \"https://fhir.netsmartcloud.com/\" + \"uscore/v1/\" + s;";
            case 8: return "string " + v + " = \"https://oauth.netsmartcloud.com/authorize?scope=patient%2F" + resource + ".read&aud=\" + s;";
            case 9: return "string " + v + " = $$\"\"\"https://fhir.netsmartcloud.com/uscore/v1/{{s}}/_history\"\"\";";
            case 10: return "string " + v + " = \"user/" + resource + ".write\";";
            default: return "string " + v + " = \"https://fhir.netsmartcloud.com/v4/Patient\";"; // not migrating: looked at, not reported
        }
    }

    /// <summary>A Netsmart literal that some rule reports with a fix.</summary>
    private static string FixableStatement(Random random, string v)
    {
        string resource = Resources[random.Next(Resources.Length)];
        switch (random.Next(8))
        {
            case 0: return "string " + v + " = \"https://fhir.netsmartcloud.com/uscore/v1/" + resource + "/\" + s;";
            case 1: return "string " + v + " = @\"https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/1/$export\";";
            case 2: return "string " + v + " = $\"https://fhirtest.netsmartcloud.com/uscore/v1/" + resource + "?patient={a}\";";
            case 3: return "string " + v + " = \"\"\"https://oauth.netsmartcloud.com/token\"\"\";";
            case 4: return "string " + v + " = \"patient/" + resource + ".read patient/Observation.read\";";
            case 5: return "string " + v + " = \"https://fhir.netsmartcloud.com/provider/patient-access/v2/" + resource + "\";";
            case 6: return "int " + v + " = \"https://fhir.netsmartcloud.com/uscore/v1/metadata\"u8.Length;";
            default: return "string " + v + " = \"user/" + resource + ".write\";";
        }
    }
}
