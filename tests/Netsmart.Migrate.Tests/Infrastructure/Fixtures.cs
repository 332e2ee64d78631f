namespace Netsmart.Migrate.Tests.Infrastructure;

/// <summary>Small fixture repositories written into a <see cref="TempFolder"/>.</summary>
internal static class Fixtures
{
    public const string TenantId = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";

    /// <summary>
    /// <c>App/App.csproj</c>: a v1 client with a constant, a tenant-aware method, scopes and an appsettings.json;
    /// <c>.editorconfig</c> names <c>TenantSettings.Current.TenantId</c> as the tenant expression.
    /// </summary>
    public static void WriteApp(TempFolder tree, bool withTenantExpression = true)
    {
        tree.Write(".editorconfig", "root = true\n\n[*.cs]\n" + (withTenantExpression ? "netsmart.tenant_id_expression = TenantSettings.Current.TenantId\n" : string.Empty));
        tree.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """.Replace("\r\n", "\n"));
        tree.Write("App/TenantSettings.cs", """
            namespace App;

            public sealed class TenantSettings
            {
                public static TenantSettings Current { get; } = new();

                public string TenantId { get; init; } = "";
            }

            """.Replace("\r\n", "\n"));
        tree.Write("App/FhirClient.cs", """
            namespace App;

            public sealed class FhirClient(HttpClient http)
            {
                public const string Scopes = "launch/patient openid patient/Patient.read patient/Observation.read";

                public Task<string> ReadPatientAsync(string id) =>
                    http.GetStringAsync("https://fhir.netsmartcloud.com/uscore/v1/Patient/" + id);

                public Task<string> MetadataAsync() =>
                    http.GetStringAsync("https://fhir.netsmartcloud.com/uscore/v1/metadata");

                public static Uri TokenEndpoint() => new("https://oauth.netsmartcloud.com/token");
            }

            """.Replace("\r\n", "\n"));
        tree.Write("App/appsettings.json", """
            {
              // v1 settings
              "CareConnect": {
                "FhirBaseUrl": "https://fhir.netsmartcloud.com/uscore/v1",
                "Scopes": "patient/Patient.read"
              }
            }

            """.Replace("\r\n", "\n"));
    }

    /// <summary>A v2 client with nothing left to migrate.</summary>
    public static void WriteCleanApp(TempFolder tree, string folder = "Clean")
    {
        tree.Write(folder + "/Clean.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write(folder + "/Client.cs", """
            namespace Clean;

            public static class Client
            {
                public static string Base(string tenant) => $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant}";

                public const string Discovery = "/.well-known/smart-configuration";

                public const string Scopes = "patient/Patient.rs";
            }

            """.Replace("\r\n", "\n"));
    }
}
