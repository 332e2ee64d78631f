using System.Text;

namespace Netsmart.CareConnect.Tests.Unit;

public class TokenAndErrorParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Token_response_fields_are_parsed_and_never_printed()
    {
        var json = """
            {"access_token":"AT-SECRET","token_type":"bearer","expires_in":"3600","scope":"launch/patient patient/Patient.rs",
             "refresh_token":"RT-SECRET","id_token":"ID-SECRET","patient":"123","encounter":"9","fhirContext":[{"reference":"DocumentReference/1"}],
             "need_patient_banner":true,"intent":"reconcile","smart_style_url":"https://x/style.json","tenant":"org-1"}
            """;
        var t = TokenResponse.Parse(json, Now, "req-1");

        Assert.Equal("AT-SECRET", t.AccessToken);
        Assert.Equal(3600, t.ExpiresIn);
        Assert.Equal(Now.AddHours(1), t.ExpiresAt);
        Assert.Equal("launch/patient patient/Patient.rs", t.Scope);
        Assert.Equal("RT-SECRET", t.RefreshToken);
        Assert.Equal("ID-SECRET", t.IdToken);
        Assert.Equal("123", t.Patient);
        Assert.Equal("9", t.Encounter);
        Assert.Equal("{\"reference\":\"DocumentReference/1\"}", Assert.Single(t.FhirContext).GetRawText());
        Assert.True(t.NeedPatientBanner);
        Assert.Equal("reconcile", t.Intent);
        Assert.Equal("https://x/style.json", t.SmartStyleUrl);
        Assert.Equal("org-1", t.Tenant);
        Assert.Equal("req-1", t.RequestId);
        Assert.Equal("TokenResponse { AccessToken = ***, TokenType = bearer, ExpiresIn = 3600, Scope = launch/patient patient/Patient.rs, RefreshToken = ***, IdToken = ***, Patient = 123 }", t.ToString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"access_token\":\"x\",\"token_type\":\"DPoP\"}")]
    public void Unusable_token_responses_throw(string json)
    {
        Assert.Throws<CareConnectException>(() => TokenResponse.Parse(json, Now));
    }

    [Fact]
    public void OperationOutcome_with_diagnostics_and_details_text_is_parsed()
    {
        var body = """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"forbidden","diagnostics":"Insufficient scope"},{"severity":"error","code":"invalid","details":{"text":"Unknown extension"}}]}""";
        var ex = Build(HttpStatusCode.Forbidden, body, "rid-1", "corr-1", "https://fhir.netsmartcloud.com/provider/patient-access/v2/t/Patient?name=Doe");

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("Insufficient scope", ex.Diagnostics);
        Assert.Equal("Unknown extension", ex.DetailsText);
        Assert.Equal(2, ex.Issues.Count);
        Assert.Equal("forbidden", ex.Issues[0].Code);
        Assert.Equal("error", ex.Issues[0].Severity);
        Assert.Equal("Unknown extension", ex.Issues[1].Text);
        Assert.Equal("rid-1", ex.RequestId);
        Assert.Equal("corr-1", ex.CorrelationId);
        Assert.Equal("https://fhir.netsmartcloud.com/provider/patient-access/v2/t/Patient", ex.RequestUri!.AbsoluteUri);
        Assert.Null(ex.OAuthError);
        Assert.StartsWith("The token is valid but not allowed to do this: a scope is missing", ex.Hint, StringComparison.Ordinal);
        Assert.Equal(
            "CareConnect request failed with 403 Forbidden from https://fhir.netsmartcloud.com. " +
            "OperationOutcome issue codes: forbidden, invalid. X-Request-ID: rid-1. X-Correlation-Id: corr-1. Hint: " + ex.Hint,
            ex.Message);
        Assert.False(ex.IsTransient);
        Assert.Null(ex.RetryAfter);
        Assert.DoesNotContain("Doe", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_text_and_resource_ids_stay_out_of_the_message_and_ToString()
    {
        var body = """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-found","diagnostics":"Patient Jane Roe (MRN 998877) not found","details":{"text":"DOB 1970-01-01"}}]}""";
        var ex = Build(HttpStatusCode.NotFound, body, "rid-2", null, "https://fhir.netsmartcloud.com/provider/patient-access/v2/t/Patient/998877");
        var oauth = Build(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"refresh token of Jane Roe expired"}""", null, null, "https://fhir.netsmartcloud.com/auth/t/oauth2/v1/token");

        foreach (var text in new[] { ex.Message, ex.ToString(), ex.Issues[0].ToString(), oauth.Message, oauth.ToString() })
        {
            Assert.DoesNotContain("Jane", text, StringComparison.Ordinal);
            Assert.DoesNotContain("998877", text, StringComparison.Ordinal);
            Assert.DoesNotContain("1970", text, StringComparison.Ordinal);
        }

        Assert.Equal("CareConnect request failed with 404 NotFound from https://fhir.netsmartcloud.com. OperationOutcome issue codes: not-found. X-Request-ID: rid-2.", ex.Message);
        Assert.Equal("Patient Jane Roe (MRN 998877) not found", ex.Diagnostics);
        Assert.Equal("https://fhir.netsmartcloud.com/provider/patient-access/v2/t/Patient/998877", ex.RequestUri!.AbsoluteUri);
        Assert.Equal("refresh token of Jane Roe expired", oauth.OAuthErrorDescription);
        Assert.StartsWith("CareConnect request failed with 400 BadRequest from https://fhir.netsmartcloud.com. OAuth error: invalid_grant. X-Request-ID: sent-id. Hint: ", oauth.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Transient_failures_are_408_429_and_5xx(HttpStatusCode status, bool transient)
    {
        Assert.Equal(transient, Build(status, string.Empty, null, null, "https://fhir.netsmartcloud.com/x").IsTransient);
    }

    [Fact]
    public async Task Retry_after_is_read_as_seconds_or_as_a_date()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://fhir.netsmartcloud.com/x");
        var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request, Content = new StringContent(string.Empty) };
        seconds.Headers.TryAddWithoutValidation("Retry-After", "120");
        Assert.Equal(TimeSpan.FromSeconds(120), (await CareConnectErrors.CreateExceptionAsync(seconds)).RetryAfter);

        var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent(string.Empty) };
        date.Headers.Date = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        date.Headers.TryAddWithoutValidation("Retry-After", "Thu, 03 Dec 2026 12:05:00 GMT");
        Assert.Equal(TimeSpan.FromMinutes(5), (await CareConnectErrors.CreateExceptionAsync(date)).RetryAfter);
    }

    [Fact]
    public void Network_causes_are_transient_and_refusals_are_not()
    {
        Assert.True(new CareConnectException("x", new HttpRequestException("connection refused")).IsTransient);
        Assert.True(new CareConnectDiscoveryException(CareConnectDiscoveryFailure.Unavailable, "x", new TimeoutException()).IsTransient);
        Assert.False(new CareConnectDiscoveryException(CareConnectDiscoveryFailure.UntrustedEndpoint, "x").IsTransient);
        Assert.False(new CareConnectException("x").IsTransient);
    }

    [Fact]
    public void OAuth_error_is_parsed_with_a_hint()
    {
        var ex = Build(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"code_verifier does not match"}""", null, null, "https://fhir.netsmartcloud.com/auth/t/oauth2/v1/token");

        Assert.Equal("invalid_grant", ex.OAuthError);
        Assert.Equal("code_verifier does not match", ex.OAuthErrorDescription);
        Assert.Empty(ex.Issues);
        Assert.Equal("sent-id", ex.RequestId);
        Assert.Contains("code_verifier does not match the code_challenge", ex.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "", "The access token was rejected.")]
    [InlineData(HttpStatusCode.Unauthorized, "<html>401</html>", "The access token was rejected.")]
    [InlineData(HttpStatusCode.InternalServerError, "{\"resourceType\":\"Patient\"}", null)]
    [InlineData(HttpStatusCode.Unauthorized, "{\"error\":\"invalid_client\"}", "The authorization server rejected the client authentication")]
    [InlineData(HttpStatusCode.BadRequest, "{\"error\":\"invalid_scope\"}", "A requested scope is not allowed")]
    public void Hints_follow_status_and_oauth_error(HttpStatusCode status, string body, string? hintStart)
    {
        var ex = Build(status, body, null, null, "https://fhir.netsmartcloud.com/x");
        if (hintStart is null)
        {
            Assert.Null(ex.Hint);
        }
        else
        {
            Assert.StartsWith(hintStart, ex.Hint, StringComparison.Ordinal);
        }

        Assert.Empty(ex.Issues);
    }

    [Fact]
    public void The_401_hint_names_other_tenant_other_api_and_revocation()
    {
        var hint = CareConnectException.GetHint(HttpStatusCode.Unauthorized, null)!;
        Assert.Contains("another tenant or another API", hint, StringComparison.Ordinal);
        Assert.Contains("revoked", hint, StringComparison.Ordinal);
    }

    private static CareConnectException Build(HttpStatusCode status, string body, string? responseRequestId, string? correlationId, string uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("X-Request-ID", "sent-id");
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8), RequestMessage = request };
        if (responseRequestId is not null)
        {
            response.Headers.Add("X-Request-ID", responseRequestId);
        }

        if (correlationId is not null)
        {
            response.Headers.Add("X-Correlation-Id", correlationId);
        }

        return CareConnectErrors.CreateExceptionAsync(response).GetAwaiter().GetResult();
    }
}
