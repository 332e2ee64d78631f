using System;
using System.IO;
using System.Threading.Tasks;
using Netsmart.Migrate.Tests.Infrastructure;

namespace Netsmart.Migrate.Tests;

/// <summary>fix on symbolic links and read-only (version-control locked) files.</summary>
public sealed class FixSafetyTests
{
    private const string V1Json = "{\n  \"Fhir\": \"https://fhir.netsmartcloud.com/uscore/v1/Patient\"\n}\n";
    private const string V2Json = "{\n  \"Fhir\": \"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient\"\n}\n";

    [Fact]
    public async Task A_linked_file_is_written_through_its_link_once_and_the_links_stay()
    {
        using var tree = new TempFolder();
        tree.Write("shared/appsettings.json", V1Json);
        Directory.CreateDirectory(tree.PathOf("app/sub"));
        File.CreateSymbolicLink(tree.PathOf("app/appsettings.json"), "../shared/appsettings.json");
        File.CreateSymbolicLink(tree.PathOf("app/sub/appsettings.json"), "../../shared/appsettings.json");

        ToolResult result = await Tool.RunAsync(tree.Root, "fix", ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("../shared/appsettings.json", new FileInfo(tree.PathOf("app/appsettings.json")).LinkTarget);
        Assert.Equal("../../shared/appsettings.json", new FileInfo(tree.PathOf("app/sub/appsettings.json")).LinkTarget);
        Assert.Equal(V2Json, tree.Read("shared/appsettings.json"));
        Assert.Contains("Files changed: 1\n  app/appsettings.json (a link: written through to shared/appsettings.json)\n", result.Output);
        Assert.Contains("  app/sub/appsettings.json (a link to the same file as app/appsettings.json: written once)\n", result.Output);
        Assert.Contains("  shared/appsettings.json (a link to the same file as app/appsettings.json: written once)\n", result.Output);
        Assert.Empty(Directory.EnumerateFiles(tree.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_link_to_a_file_outside_the_scanned_folder_is_reported_and_left_alone()
    {
        using var tree = new TempFolder();
        tree.Write("shared/appsettings.json", V1Json);
        Directory.CreateDirectory(tree.PathOf("app"));
        File.CreateSymbolicLink(tree.PathOf("app/appsettings.json"), "../shared/appsettings.json");

        ToolResult result = await Tool.RunAsync(tree.Root, "fix", "app");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("../shared/appsettings.json", new FileInfo(tree.PathOf("app/appsettings.json")).LinkTarget);
        Assert.Equal(V1Json, tree.Read("shared/appsettings.json"));
        Assert.Contains("Files changed: 0\n", result.Output);
        Assert.Contains(
            $"Skipped (1):\n  appsettings.json: a symbolic link to '{tree.PathOf("shared/appsettings.json")}', outside the scanned folder; left untouched: run fix on a folder that holds the real file\n",
            result.Output);
    }

    [Fact]
    public async Task An_input_folder_reached_through_a_link_is_fixed_in_place_without_link_notes()
    {
        using var tree = new TempFolder();
        tree.Write("real/appsettings.json", V1Json);
        Directory.CreateSymbolicLink(tree.PathOf("linked"), "real"); // as /tmp is a link on some systems

        ToolResult result = await Tool.RunAsync(tree.Root, "fix", "linked");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("real", new DirectoryInfo(tree.PathOf("linked")).LinkTarget);
        Assert.Equal(V2Json, tree.Read("real/appsettings.json"));
        Assert.Contains("Files changed: 1\n  appsettings.json\nNothing left to fix.\n", result.Output);
    }

    [Fact]
    public async Task A_read_only_file_is_left_untouched_and_reported_with_what_to_do()
    {
        using var tree = new TempFolder();
        Fixtures.WriteApp(tree);
        string client = tree.PathOf("App/FhirClient.cs");
        byte[] before = File.ReadAllBytes(client);
        MakeReadOnly(client); // as TFVC and Perforce leave files that are not checked out

        ToolResult dryRun = await Tool.RunAsync(tree.Root, "fix", "App", "--dry-run");
        ToolResult result = await Tool.RunAsync(tree.Root, "fix", "App");

        const string Skipped = "Skipped (1):\n  FhirClient.cs: read-only (locked by version control?); left untouched: check it out for edit (tf checkout, p4 edit) or make it writable, then run fix again\n";
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(before, File.ReadAllBytes(client));
        Assert.True(IsReadOnly(client));
        Assert.Contains("Files changed: 1\n  appsettings.json\n", result.Output);
        Assert.Contains(Skipped, result.Output);
        Assert.Contains("/provider/patient-access/v2/", tree.Read("App/appsettings.json"));
        Assert.Equal(1, dryRun.ExitCode);
        Assert.DoesNotContain("+++ b/FhirClient.cs", dryRun.Output);
        Assert.Contains(Skipped, dryRun.Output);
    }

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    private static bool IsReadOnly(string path) => OperatingSystem.IsWindows()
        ? (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0
        : File.GetUnixFileMode(path) == (UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
}
