using System.IO;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Netsmart.CareConnect.BulkData;
using Task = System.Threading.Tasks.Task;

namespace Netsmart.CareConnect.Tests.BulkData;

public sealed class BulkDataClientTests
{
    private static BulkDataClient Client(FakeBulkDataServer server, HttpClient http, TimeProvider clock, Action<BulkDataClientOptions>? configure = null)
    {
        var options = new BulkDataClientOptions { HostPolicy = server.HostPolicy, TimeProvider = clock };
        configure?.Invoke(options);
        return new BulkDataClient(http, server.Tenant, server.CreateTokenProvider(http), options);
    }

    [Fact]
    public async Task Group_kick_off_polls_through_retry_after_429_500_and_transient_outcome_to_a_typed_manifest()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);
        var request = new BulkExportRequest
        {
            Level = BulkExportLevel.Group,
            GroupId = "456",
            Since = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            Until = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
        };
        request.Types.Add("Patient");
        request.Types.Add("Observation");
        request.TypeFilters.Add("Observation?category=laboratory");
        request.IncludeAssociatedData.Add("LatestProvenanceResources");

        var job = await client.StartExportAsync(request);

        var kickOff = server.Requests.Single(r => r.Path.EndsWith("/$export", StringComparison.Ordinal));
        Assert.Equal("GET", kickOff.Method);
        Assert.Equal("/provider/system-access/v2/" + server.TenantId + "/Group/456/$export", kickOff.Path);
        Assert.Equal(
            "?_outputFormat=application%2Ffhir%2Bndjson&_since=2026-01-02T01%3A04%3A05.000Z&_until=2026-06-01T00%3A00%3A00.000Z" +
            "&_type=Patient%2CObservation&_typeFilter=Observation%3Fcategory%3Dlaboratory&includeAssociatedData=LatestProvenanceResources",
            kickOff.Query);
        Assert.Equal("application/fhir+json", kickOff.Headers["Accept"]);
        Assert.Equal("respond-async", kickOff.Headers["Prefer"]);
        Assert.StartsWith("Bearer bt-", kickOff.Authorization, StringComparison.Ordinal);
        Assert.Equal(new Uri(server.Origin, server.StatusPath("job-1")), job.StatusUrl);

        var progress = new ListProgress<BulkExportProgress>();
        var manifest = await job.WaitForCompletionAsync(progress);

        var reports = progress.Reports.ToArray();
        Assert.Equal(new[] { 202, 202, 429, 500, 400 }, reports.Select(r => (int)r.StatusCode));
        Assert.Equal(new[] { false, false, true, true, true }, reports.Select(r => r.IsTransientError));
        Assert.Equal("50%", reports[1].XProgress);
        Assert.Equal(50d, reports[1].Percent);
        var waits = clock.Waits.ToArray();
        Assert.Equal(reports.Select(r => r.NextPollIn), waits);
        Assert.InRange(waits[0], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.2));      // no Retry-After: initial backoff + jitter
        Assert.InRange(waits[1], TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(132));   // Retry-After: 120 (delta-seconds)
        Assert.InRange(waits[2], TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(33));     // Retry-After: HTTP-date 30 s ahead
        Assert.All(waits.Skip(3), w => Assert.InRange(w, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5.5)));
        Assert.Equal(6, server.StatusPolls);

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 12, 0, 0, 123, TimeSpan.Zero), manifest.TransactionTime);
        Assert.Equal(server.Origin.AbsoluteUri.TrimEnd('/') + kickOff.Path + kickOff.Query, manifest.Request);
        Assert.True(manifest.RequiresAccessToken);
        Assert.Equal(new[] { "Patient", "Observation" }, manifest.Output.Select(f => f.Type));
        Assert.Equal(new long?[] { 3, 2 }, manifest.Output.Select(f => f.Count));
        Assert.Equal(BulkExportFileKind.Output, manifest.Output[0].Kind);
        Assert.Equal("127.0.0.2", manifest.Output[1].Url.Host);
        var error = Assert.Single(manifest.Error);
        Assert.Equal(("OperationOutcome", (long?)null, BulkExportFileKind.Error), (error.Type, error.Count, error.Kind));
        var deleted = Assert.Single(manifest.Deleted);
        Assert.Equal(("Bundle", (long?)1, BulkExportFileKind.Deleted), (deleted.Type, deleted.Count, deleted.Kind));
        Assert.Equal(42, manifest.Extension!.Value.GetProperty("https://netsmart.example/export-size").GetInt32());
    }

    [Fact]
    public async Task Retry_after_is_capped_by_max_poll_interval()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.AcceptedRetryAfter120, StatusStep.Complete };
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock, o => o.MaxPollInterval = TimeSpan.FromSeconds(60));

        var job = await client.StartExportAsync(new BulkExportRequest());
        await job.WaitForCompletionAsync();

        var wait = Assert.Single(clock.Waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(66));
        Assert.Equal("/provider/system-access/v2/" + server.TenantId + "/$export", server.Requests.First(r => r.Path.EndsWith("$export", StringComparison.Ordinal)).Path);
    }

    [Fact]
    public async Task The_overall_deadline_ends_waiting_without_sleeping()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.AcceptedRetryAfter120, StatusStep.AcceptedRetryAfter120, StatusStep.Complete };
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock, o => o.MaxWaitTime = TimeSpan.FromSeconds(200));

        var job = await client.StartExportAsync(new BulkExportRequest { Level = BulkExportLevel.Patient });
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => job.WaitForCompletionAsync());

        Assert.Contains(job.StatusUrl.AbsolutePath, ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.StatusPolls); // polled at 0 s and 120 s; the next wait would pass 200 s
    }

    [Fact]
    public async Task Too_many_transient_failures_in_a_row_end_the_wait()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.ServerError, StatusStep.TooManyRequests, StatusStep.TransientOutcome, StatusStep.Complete };
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock, o => o.MaxTransientFailures = 2);

        var job = await client.StartExportAsync(new BulkExportRequest());
        var ex = await Assert.ThrowsAsync<CareConnectException>(() => job.WaitForCompletionAsync());

        Assert.Contains("failed 3 times in a row", ex.Message, StringComparison.Ordinal);
        Assert.Equal("transient", Assert.IsType<CareConnectException>(ex.InnerException).Issues.Single().Code);
        Assert.Equal(3, server.StatusPolls);
    }

    [Fact]
    public async Task Cancellation_stops_polling_at_once()
    {
        await using var server = await FakeBulkDataServer.StartAsync();
        server.Script = new[] { StatusStep.AcceptedRetryAfter120 };
        using var http = server.CreateHttpClient();
        var client = Client(server, http, TimeProvider.System); // a real clock: the 120 s wait would really happen
        var job = await client.StartExportAsync(new BulkExportRequest());
        using var cts = new CancellationTokenSource();
        var progress = new ListProgress<BulkExportProgress>(_ => cts.Cancel());

        var wait = job.WaitForCompletionAsync(progress, cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Single(progress.Reports);
        Assert.Equal(1, server.StatusPolls);
    }

    [Fact]
    public async Task A_job_resumes_in_a_new_client_from_its_persisted_status_url()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.Accepted, StatusStep.Accepted, StatusStep.Accepted, StatusStep.Complete };
        var state = Path.Combine(Path.GetTempPath(), "bulk-job-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            // First process: kick off, poll once, persist the status URL, go away.
            using (var http = server.CreateHttpClient())
            {
                var first = Client(server, http, clock);
                var job = await first.StartExportAsync(new BulkExportRequest());
                using var cts = new CancellationTokenSource();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitForCompletionAsync(new ListProgress<BulkExportProgress>(_ => cts.Cancel()), cts.Token));
                await File.WriteAllTextAsync(state, job.StatusUrl.AbsoluteUri);
            }

            // Second process: a new HttpClient, a new token provider, only the persisted text.
            using var http2 = server.CreateHttpClient();
            var second = Client(server, http2, clock);
            var resumed = second.ResumeJob(await File.ReadAllTextAsync(state));
            var manifest = await resumed.WaitForCompletionAsync();

            Assert.Equal(2, manifest.Output.Count);
            Assert.Single(server.Requests, r => r.Path.EndsWith("$export", StringComparison.Ordinal)); // no second kick-off
            Assert.Equal(4, server.StatusPolls);
            var tokens = server.Requests.Where(r => r.Path.Contains("$export-status", StringComparison.Ordinal)).Select(r => r.Authorization).Distinct().ToArray();
            Assert.Equal(2, tokens.Length); // both processes authenticated on their own
        }
        finally
        {
            File.Delete(state);
        }
    }

    [Fact]
    public async Task Downloads_send_the_token_only_to_the_tenant_host_and_parse_raw_json_and_firely_resources()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.Complete };
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);
        var manifest = await (await client.StartExportAsync(new BulkExportRequest())).WaitForCompletionAsync();

        var patients = new List<Patient>();
        var deserializer = new FhirJsonDeserializer();
        await foreach (var p in client.ReadResourcesAsync(manifest, manifest.Output[0], json => deserializer.Deserialize<Patient>(json)))
        {
            patients.Add(p);
        }

        var observations = new List<JsonElement>();
        await foreach (var o in client.ReadResourcesAsync(manifest, manifest.Output[1]))
        {
            observations.Add(o);
        }

        Assert.Equal(new[] { "patient-1", "patient-2", "patient-3" }, patients.Select(p => p.Id));
        Assert.Equal("Doe", patients[0].Name[0].Family);
        Assert.Equal(new[] { "observation-1", "observation-2" }, observations.Select(o => o.GetProperty("id").GetString()));

        var mainFile = server.Requests.Single(r => r.Path.EndsWith("/Patient.ndjson", StringComparison.Ordinal));
        var otherFile = server.Requests.Single(r => r.Path.EndsWith("/Observation.ndjson", StringComparison.Ordinal));
        Assert.Equal(("main", true), (mainFile.Host, mainFile.Authorization?.StartsWith("Bearer bt-", StringComparison.Ordinal) == true));
        Assert.Equal(("other", (string?)null), (otherFile.Host, otherFile.Authorization));
        var outcomes = new List<JsonElement>();
        await foreach (var o in client.ReadResourcesAsync(manifest, manifest.Error[0]))
        {
            outcomes.Add(o);
        }

        var deletions = new List<Bundle>();
        await foreach (var b in client.ReadResourcesAsync(manifest, manifest.Deleted[0], json => deserializer.Deserialize<Bundle>(json)))
        {
            deletions.Add(b);
        }

        Assert.Equal("3 resources skipped", Assert.Single(outcomes).GetProperty("issue")[0].GetProperty("diagnostics").GetString());
        Assert.Equal(Bundle.HTTPVerb.DELETE, Assert.Single(deletions).Entry[0].Request!.Method);
        Assert.True(client.SendsTokenFor(manifest, manifest.Output[0].Url));
        Assert.False(client.SendsTokenFor(manifest, manifest.Output[1].Url));
    }

    [Fact]
    public async Task No_token_is_sent_to_any_file_when_the_manifest_does_not_require_it()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.Complete };
        server.RequiresAccessToken = false;
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);
        var manifest = await (await client.StartExportAsync(new BulkExportRequest())).WaitForCompletionAsync();

        using var target = new MemoryStream();
        var count = await client.DownloadAsync(manifest, manifest.Output[0], target);

        Assert.Equal(3, count);
        Assert.StartsWith("{\"resourceType\":\"Patient\",\"id\":\"patient-1\"", Encoding.UTF8.GetString(target.ToArray()), StringComparison.Ordinal);
        Assert.Null(server.Requests.Single(r => r.Path.EndsWith("/Patient.ndjson", StringComparison.Ordinal)).Authorization);
    }

    [Fact]
    public async Task A_broken_file_download_resumes_with_range_or_restarts_and_loses_nothing()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.Complete };
        server.IncludeFlakyFiles = true;
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);
        var manifest = await (await client.StartExportAsync(new BulkExportRequest())).WaitForCompletionAsync();
        var dir = Path.Combine(Path.GetTempPath(), "bulk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var condition = manifest.Output.Single(f => f.Type == "Condition");
            var encounter = manifest.Output.Single(f => f.Type == "Encounter");
            var conditionPath = Path.Combine(dir, "Condition.ndjson");
            Assert.Equal(50, await client.DownloadToFileAsync(manifest, condition, conditionPath));
            var ids = new List<string>();
            await foreach (var line in client.ReadLinesAsync(manifest, encounter))
            {
                using var doc = JsonDocument.Parse(line);
                ids.Add(doc.RootElement.GetProperty("id").GetString()!);
            }

            var lines = await File.ReadAllLinesAsync(conditionPath);
            Assert.Equal(Enumerable.Range(1, 50).Select(i => "condition-" + i), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
            Assert.False(File.Exists(conditionPath + ".part"));
            Assert.Equal(Enumerable.Range(1, 50).Select(i => "encounter-" + i), ids);

            var conditionRequests = server.Requests.Where(r => r.Path.EndsWith("/Condition.ndjson", StringComparison.Ordinal)).ToArray();
            Assert.Equal(2, conditionRequests.Length);
            Assert.False(conditionRequests[0].Headers.ContainsKey("Range"));
            Assert.True(conditionRequests[1].Headers.ContainsKey("Range"), string.Join(" | ", conditionRequests[1].Headers.Select(h => h.Key + "=" + h.Value)));
            Assert.Matches("^bytes=[1-9][0-9]*-$", conditionRequests[1].Headers["Range"]);
            var encounterRequests = server.Requests.Where(r => r.Path.EndsWith("/Encounter.ndjson", StringComparison.Ordinal)).ToArray();
            Assert.Equal(2, encounterRequests.Length);
            Assert.All(encounterRequests, r => Assert.False(r.Headers.ContainsKey("Range"))); // no Accept-Ranges: from the start
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_count_that_does_not_match_the_manifest_fails_the_download()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.Complete };
        server.IncludeWrongCount = true;
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);
        var manifest = await (await client.StartExportAsync(new BulkExportRequest())).WaitForCompletionAsync();
        var procedure = manifest.Output.Single(f => f.Type == "Procedure");

        var ex = await Assert.ThrowsAsync<CareConnectException>(() => client.DownloadAsync(manifest, procedure, Stream.Null));
        Assert.Contains("has 4 resources, but the manifest says 5", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CareConnectException>(async () =>
        {
            await foreach (var unused in client.ReadLinesAsync(manifest, procedure))
            {
            }
        });
    }

    [Fact]
    public async Task Post_kick_off_sends_a_parameters_resource_with_patients()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);
        var request = new BulkExportRequest { Level = BulkExportLevel.Group, GroupId = "g-1", Since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        request.Types.Add("Patient");
        request.Types.Add("Condition");
        request.TypeFilters.Add("Condition?clinical-status=active");
        request.Patients.Add("Patient/1");
        request.Patients.Add("Patient/2");

        await client.StartExportAsync(request);

        var kickOff = server.Requests.Single(r => r.Path.EndsWith("$export", StringComparison.Ordinal));
        Assert.Equal("POST", kickOff.Method);
        Assert.Equal(string.Empty, kickOff.Query);
        Assert.Equal("application/fhir+json", kickOff.Headers["Content-Type"]);
        var parameters = new FhirJsonDeserializer().Deserialize<Parameters>(kickOff.Body!);
        Assert.Equal("application/fhir+ndjson", ((FhirString)parameters.GetSingle("_outputFormat")!.Value!).Value);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), ((Instant)parameters.GetSingle("_since")!.Value!).Value);
        Assert.Equal("Patient,Condition", ((FhirString)parameters.GetSingle("_type")!.Value!).Value);
        Assert.Equal("Condition?clinical-status=active", ((FhirString)parameters.GetSingle("_typeFilter")!.Value!).Value);
        Assert.Equal(new[] { "Patient/1", "Patient/2" }, parameters.Parameter.Where(p => p.Name == "patient").Select(p => ((ResourceReference)p.Value!).Reference));
    }

    [Fact]
    public async Task A_refused_kick_off_throws_with_the_operation_outcome()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);

        var ex = await Assert.ThrowsAsync<CareConnectException>(() => client.StartExportAsync(new BulkExportRequest { Level = BulkExportLevel.Group, GroupId = "bad" }));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("not-supported", Assert.Single(ex.Issues).Code);
        Assert.Equal("Unsupported _type Basic for this Group", ex.Diagnostics);
    }

    [Fact]
    public async Task Delete_cancels_the_job_and_later_polls_fail_with_404()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);
        var job = await client.StartExportAsync(new BulkExportRequest());

        await job.DeleteAsync();
        await job.DeleteAsync(); // already gone: 404 counts as done

        var delete = server.Requests.First(r => r.Method == "DELETE");
        Assert.Equal(job.StatusUrl.AbsolutePath, delete.Path);
        Assert.StartsWith("Bearer ", delete.Authorization, StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<CareConnectException>(() => job.WaitForCompletionAsync());
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Status_urls_of_another_tenant_host_or_environment_are_refused_without_a_request()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);
        var other = Guid.NewGuid();

        var otherTenant = Assert.Throws<CareConnectException>(() => client.ResumeJob(new Uri(server.Origin, "/provider/system-access/v2/" + other + "/$export-status/job-1")));
        var otherHost = Assert.Throws<CareConnectException>(() => client.ResumeJob(new Uri(server.OtherOrigin, server.StatusPath("job-1"))));
        var traversal = Assert.Throws<CareConnectException>(() => client.ResumeJob(server.Origin.AbsoluteUri + "provider/system-access/v2/" + server.TenantId + "/%2e%2e/" + other + "/x"));
        var production = new BulkDataClient(http, new CareConnectTenant(server.TenantId), server.CreateTokenProvider(http));
        var preview = Assert.Throws<CareConnectException>(() => production.ResumeJob("https://fhirtest.netsmartcloud.com/provider/system-access/v2/" + server.TenantId + "/$export-status/1"));

        Assert.Contains("not below a FHIR base of tenant " + server.TenantId, otherTenant.Message, StringComparison.Ordinal);
        Assert.Contains("another host or environment", otherHost.Message, StringComparison.Ordinal);
        Assert.Contains("another host or environment", preview.Message, StringComparison.Ordinal);
        Assert.NotNull(traversal);
        Assert.Empty(server.Requests);
        Assert.NotNull(production.ResumeJob("https://fhir.netsmartcloud.com/provider/system-access/v2/" + server.TenantId + "/$export-status/1"));
    }

    [Fact]
    public async Task V1_kick_off_and_poll_status_urls_are_refused_naming_the_v2_url()
    {
        var tenant = CareConnectTenant.Parse("43477c76-ceb6-47ed-81c8-1b7c0ae10ca6");
        using var http = new HttpClient(new RefusingHandler());
        var client = new BulkDataClient(http, tenant, new ClientCredentialsTokenProvider(
            new CareConnectTokenClient(http), tenant.TokenEndpoint, CareConnectClientCredentials.ClientSecret("c", "s"), "system/*.rs"));

        var kickOff = await Assert.ThrowsAsync<CareConnectException>(() => client.StartExportAsync(new Uri("https://fhir.netsmartcloud.com/uscore/v1/bulk-data/Group/456/$export?_type=Patient")));
        var poll = Assert.Throws<CareConnectException>(() => client.ResumeJob("https://fhir.netsmartcloud.com/uscore/v1/bulk-data/$export-poll-status?_id=5b1c3d0e-8f55-4e0b-9a3a-0d5e8c3b2a11"));

        Assert.Contains("Certified v1 Bulk Data URL", kickOff.Message, StringComparison.Ordinal);
        Assert.Contains("https://fhir.netsmartcloud.com/provider/system-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6/Group/456/$export", kickOff.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("_type", kickOff.Message, StringComparison.Ordinal);
        Assert.Contains("$export-poll-status has no v2 twin", poll.Message, StringComparison.Ordinal);
        Assert.Contains("https://fhir.netsmartcloud.com/provider/system-access/v2/43477c76-ceb6-47ed-81c8-1b7c0ae10ca6", poll.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_v2_kick_off_url_of_the_tenant_is_accepted_and_its_level_taken_from_the_path()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        using var http = server.CreateHttpClient();
        var client = Client(server, http, clock);

        await client.StartExportAsync(new Uri(client.FhirBase.AbsoluteUri + "/Group/789/$export"));
        await Assert.ThrowsAsync<CareConnectException>(() => client.StartExportAsync(new Uri(server.Origin, "/provider/system-access/v2/" + Guid.NewGuid() + "/$export")));
        await Assert.ThrowsAsync<CareConnectException>(() => client.StartExportAsync(new Uri(client.FhirBase.AbsoluteUri + "/Observation")));

        Assert.Equal("/provider/system-access/v2/" + server.TenantId + "/Group/789/$export", Assert.Single(server.Requests, r => r.Path.EndsWith("$export", StringComparison.Ordinal)).Path);
    }

    [Theory]
    [InlineData("https://files.example.org/a.ndjson", false, true)]
    [InlineData("http://files.example.org/a.ndjson", false, false)]
    [InlineData("http://127.0.0.1:5000/a.ndjson", false, false)]
    [InlineData("http://127.0.0.1:5000/a.ndjson", true, true)]
    [InlineData("http://files.example.org/a.ndjson", true, false)]
    [InlineData("ftp://127.0.0.1/a.ndjson", true, false)]
    public void Manifest_file_urls_must_be_https_unless_loopback_http_is_explicitly_allowed(string url, bool allowLoopback, bool accepted)
    {
        var json = "{\"transactionTime\":\"2026-12-03T12:00:00Z\",\"request\":\"https://x/$export\",\"requiresAccessToken\":true,\"output\":[{\"type\":\"Patient\",\"url\":\"" + url + "\"}],\"error\":[]}";

        if (accepted)
        {
            Assert.Equal(new Uri(url), BulkExportManifest.Parse(json, allowLoopback).Output[0].Url);
        }
        else
        {
            var ex = Assert.Throws<CareConnectException>(() => BulkExportManifest.Parse(json, allowLoopback));
            Assert.Contains("is not an https URL", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_loopback_http_opt_in_is_off_by_default()
    {
        Assert.False(new BulkDataClientOptions().AllowInsecureLoopbackFileUrls);
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No request may be sent: " + request.RequestUri);
    }
}
