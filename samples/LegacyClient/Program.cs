using LegacyClient;

// A Certified v1 integration, for the analyzer demo. It prints its configuration and makes no network call.
Console.WriteLine("LegacyClient - Netsmart CareConnect Certified v1 integration");
Console.WriteLine($"  FHIR base:      {CareConnectSettings.FhirBaseUrl} [{EnvironmentInfo.Describe(CareConnectSettings.FhirBaseUrl)}]");
Console.WriteLine($"  Preview base:   {CareConnectSettings.PreviewFhirBaseUrl} [{EnvironmentInfo.Describe(CareConnectSettings.PreviewFhirBaseUrl)}]");
Console.WriteLine($"  Token endpoint: {CareConnectSettings.TokenUrl} (preview: {EnvironmentInfo.IsPreview(CareConnectSettings.PreviewTokenUrl)})");
Console.WriteLine($"  Bulk export:    {BulkExportClient.PatientExportUri()}");
Console.WriteLine($"  Authorize:      {SmartAuthClient.BuildAuthorizeUri(state: "demo-state", codeChallenge: "demo-challenge").AbsoluteUri}");
