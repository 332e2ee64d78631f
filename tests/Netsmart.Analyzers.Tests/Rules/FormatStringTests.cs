using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Netsmart.Analyzers.CodeFixes.Rules;
using Netsmart.Analyzers.Tests.Robustness;
using Netsmart.Analyzers.Tests.Verifiers;

namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>
/// Fixes inside composite format strings and logging message templates: the placeholder is written as the escape
/// <c>{{tenant-id}}</c> and the tenant is never interpolated there. Each case is fixed (Fix-All and one by one, which
/// must agree), compiled in memory, loaded and run: the produced string is asserted and nothing throws.
/// </summary>
public class FormatStringTests
{
    private const string V2 = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}";

    private const string CapturingLogger = """

        sealed class CapturingLogger : ILogger
        {
            public string Last = "";
            public IDisposable BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter) =>
                Last = formatter(state, exception);
        }

        """;

    [Fact]
    public async Task String_Format_gets_the_escaped_placeholder_and_runs()
    {
        await AssertFixRunsAsync(
            """
            public static class P
            {
                public static string Run() => string.Format("https://fhir.netsmartcloud.com/uscore/v1/Patient/{0}", "123");
            }
            """,
            """
            public static class P
            {
                public static string Run() => string.Format("https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{0}", "123");
            }
            """,
            V2 + "/Patient/123");
    }

    [Fact]
    public async Task A_tenant_in_scope_is_not_interpolated_into_a_format_string_with_a_provider()
    {
        await AssertFixRunsAsync(
            """
            using System.Globalization;

            public static class P
            {
                public static string Run()
                {
                    string tenantId = "acme";
                    return tenantId + " " + string.Format(CultureInfo.InvariantCulture, "https://fhir.netsmartcloud.com/uscore/v1/Patient/{0}?_count={1}", 123, 10);
                }
            }
            """,
            """
            using System.Globalization;

            public static class P
            {
                public static string Run()
                {
                    string tenantId = "acme";
                    return tenantId + " " + string.Format(CultureInfo.InvariantCulture, "https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{0}?_count={1}", 123, 10);
                }
            }
            """,
            "acme " + V2 + "/Patient/123?_count=10");
    }

    [Fact]
    public async Task StringBuilder_AppendFormat_TextWriter_and_CompositeFormat_get_the_escape()
    {
        await AssertFixRunsAsync(
            """
            using System.IO;
            using System.Text;

            public static class P
            {
                public static string Run()
                {
                    var sb = new StringBuilder();
                    sb.AppendFormat(@"https://fhir.netsmartcloud.com/uscore/v1/Patient/{0}", 1).Append(' ');
                    var writer = new StringWriter();
                    writer.Write("https://fhir.netsmartcloud.com/uscore/v1/Observation/{0}", 2);
                    CompositeFormat format = CompositeFormat.Parse(\"\"\"https://fhir.netsmartcloud.com/uscore/v1/Encounter/{0}\"\"\");
                    return sb.ToString() + writer + " " + string.Format(null, format, 3);
                }
            }
            """.Replace("\\\"", "\""),
            """
            using System.IO;
            using System.Text;

            public static class P
            {
                public static string Run()
                {
                    var sb = new StringBuilder();
                    sb.AppendFormat(@"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{0}", 1).Append(' ');
                    var writer = new StringWriter();
                    writer.Write("https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Observation/{0}", 2);
                    CompositeFormat format = CompositeFormat.Parse(\"\"\"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Encounter/{0}\"\"\");
                    return sb.ToString() + writer + " " + string.Format(null, format, 3);
                }
            }
            """.Replace("\\\"", "\""),
            V2 + "/Patient/1 " + V2 + "/Observation/2 " + V2 + "/Encounter/3");
    }

    [Fact]
    public async Task Console_WriteLine_with_arguments_gets_the_escape_but_a_plain_WriteLine_keeps_the_placeholder()
    {
        await AssertFixRunsAsync(
            """
            using System;
            using System.IO;

            public static class P
            {
                public static string Run()
                {
                    TextWriter previous = Console.Out;
                    var writer = new StringWriter();
                    Console.SetOut(writer);
                    try
                    {
                        Console.WriteLine("https://fhir.netsmartcloud.com/uscore/v1/Patient/{0}", 7);
                        Console.WriteLine("https://fhir.netsmartcloud.com/uscore/v1/Patient/{0}");
                    }
                    finally
                    {
                        Console.SetOut(previous);
                    }

                    return writer.ToString().Replace("\r\n", "\n");
                }
            }
            """,
            """
            using System;
            using System.IO;

            public static class P
            {
                public static string Run()
                {
                    TextWriter previous = Console.Out;
                    var writer = new StringWriter();
                    Console.SetOut(writer);
                    try
                    {
                        Console.WriteLine("https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{0}", 7);
                        Console.WriteLine("https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient/{0}");
                    }
                    finally
                    {
                        Console.SetOut(previous);
                    }

                    return writer.ToString().Replace("\r\n", "\n");
                }
            }
            """,
            V2 + "/Patient/7\n" + V2 + "/Patient/{0}\n");
    }

    [Fact]
    public async Task A_user_method_marked_StringSyntax_CompositeFormat_gets_the_escape_and_an_interpolated_literal_too()
    {
        await AssertFixRunsAsync(
            """
            using System.Diagnostics.CodeAnalysis;

            public static class P
            {
                static string Url([StringSyntax(StringSyntaxAttribute.CompositeFormat)] string format, params object[] args) => string.Format(format, args);

                public static string Run()
                {
                    string kind = "Patient";
                    return Url($"https://fhir.netsmartcloud.com/uscore/v1/{kind}/{{0}}", 5);
                }
            }
            """,
            """
            using System.Diagnostics.CodeAnalysis;

            public static class P
            {
                static string Url([StringSyntax(StringSyntaxAttribute.CompositeFormat)] string format, params object[] args) => string.Format(format, args);

                public static string Run()
                {
                    string kind = "Patient";
                    return Url($"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{{{tenant-id}}}}/{kind}/{{0}}", 5);
                }
            }
            """,
            V2 + "/Patient/5");
    }

    [Fact]
    public async Task A_const_used_as_a_format_string_elsewhere_gets_the_escape_through_a_const_chain()
    {
        await AssertFixRunsAsync(
            """
            public static class Endpoints
            {
                public const string Fhir = "https://fhir.netsmartcloud.com/uscore/v1";
                public const string PatientFormat = Fhir + "/Patient/{0}";
                public const string PlainBase = "https://fhir.netsmartcloud.com/uscore/v1/";
            }

            public static class P
            {
                public static string Run() => string.Format(Endpoints.PatientFormat, 9) + " " + Endpoints.PlainBase;
            }
            """,
            """
            public static class Endpoints
            {
                public const string Fhir = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}";
                public const string PatientFormat = Fhir + "/Patient/{0}";
                public const string PlainBase = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/";
            }

            public static class P
            {
                public static string Run() => string.Format(Endpoints.PatientFormat, 9) + " " + Endpoints.PlainBase;
            }
            """,
            V2 + "/Patient/9 " + V2 + "/");
    }

    [Fact]
    public async Task A_local_and_a_private_const_used_as_format_strings_get_the_escape_and_no_interpolated_tenant()
    {
        await AssertFixRunsAsync(
            """
            public static class P
            {
                private const string ObservationFormat = "https://fhir.netsmartcloud.com/uscore/v1/Observation/{0}";

                public static string Run()
                {
                    string tenantId = "acme";
                    string patientFormat = "https://fhir.netsmartcloud.com/uscore/v1/Patient/{0}";
                    string plain = "https://fhir.netsmartcloud.com/uscore/v1/Encounter";
                    return string.Format(patientFormat, 1) + " " + string.Format(ObservationFormat, 2) + " " + plain;
                }
            }
            """,
            """
            public static class P
            {
                private const string ObservationFormat = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Observation/{0}";

                public static string Run()
                {
                    string tenantId = "acme";
                    string patientFormat = "https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{0}";
                    string plain = $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Encounter";
                    return string.Format(patientFormat, 1) + " " + string.Format(ObservationFormat, 2) + " " + plain;
                }
            }
            """,
            V2 + "/Patient/1 " + V2 + "/Observation/2 https://fhir.netsmartcloud.com/provider/patient-access/v2/acme/Encounter");
    }

    [Fact]
    public async Task Logging_templates_get_the_escape_and_log_the_url()
    {
        await AssertFixRunsAsync(
            """
            using System;
            using Microsoft.Extensions.Logging;

            public static class P
            {
                private static readonly Action<ILogger, string, Exception> Fetching =
                    LoggerMessage.Define<string>(LogLevel.Information, new EventId(1), "Fetching https://fhir.netsmartcloud.com/uscore/v1/Patient/{PatientId}");

                public static string Run()
                {
                    var logger = new CapturingLogger();
                    logger.LogInformation("GET https://fhir.netsmartcloud.com/uscore/v1/Patient/{PatientId}", "1");
                    string first = logger.Last;
                    logger.Log(LogLevel.Warning, "GET https://fhir.netsmartcloud.com/uscore/v1/Observation?patient={PatientId}", "2");
                    string second = logger.Last;
                    Fetching(logger, "3", null);
                    return first + " | " + second + " | " + logger.Last;
                }
            }
            """ + CapturingLogger,
            """
            using System;
            using Microsoft.Extensions.Logging;

            public static class P
            {
                private static readonly Action<ILogger, string, Exception> Fetching =
                    LoggerMessage.Define<string>(LogLevel.Information, new EventId(1), "Fetching https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{PatientId}");

                public static string Run()
                {
                    var logger = new CapturingLogger();
                    logger.LogInformation("GET https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{PatientId}", "1");
                    string first = logger.Last;
                    logger.Log(LogLevel.Warning, "GET https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Observation?patient={PatientId}", "2");
                    string second = logger.Last;
                    Fetching(logger, "3", null);
                    return first + " | " + second + " | " + logger.Last;
                }
            }
            """ + CapturingLogger,
            "GET " + V2 + "/Patient/1 | GET " + V2 + "/Observation?patient=2 | Fetching " + V2 + "/Patient/3");
    }

    [Fact]
    public async Task LoggerMessage_attribute_message_gets_the_escape()
    {
        const string source = """
            using Microsoft.Extensions.Logging;

            static partial class Log
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = {|NSM001:"GET https://fhir.netsmartcloud.com/uscore/v1/Patient/{PatientId}"|})]
                static partial void Fetching(ILogger logger, string patientId);

                [LoggerMessage(2, LogLevel.Information, {|NSM001:"GET https://fhir.netsmartcloud.com/uscore/v1/Observation/{Id}"|})]
                static partial void Observation(ILogger logger, string id);
            }
            """;
        const string fixedSource = """
            using Microsoft.Extensions.Logging;

            static partial class Log
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = {|NSM005:"GET https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{PatientId}"|})]
                static partial void Fetching(ILogger logger, string patientId);

                [LoggerMessage(2, LogLevel.Information, {|NSM005:"GET https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Observation/{Id}"|})]
                static partial void Observation(ILogger logger, string id);
            }
            """;

        var test = new VerifyUrl.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = NetsmartUrlCodeFixProvider.MoveToPatientAccessKey,
        };
        test.TestState.AdditionalReferences.Add(Runner.References.Last());
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LoggerMessage_attribute_methods_generated_from_the_fixed_message_log_the_url()
    {
        await AssertFixRunsAsync(
            """
            using System;
            using Microsoft.Extensions.Logging;

            public static partial class P
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "GET https://fhir.netsmartcloud.com/uscore/v1/Patient/{PatientId}")]
                static partial void Fetching(ILogger logger, string patientId);

                public static string Run()
                {
                    var logger = new CapturingLogger();
                    Fetching(logger, "4");
                    return logger.Last;
                }
            }
            """ + CapturingLogger,
            """
            using System;
            using Microsoft.Extensions.Logging;

            public static partial class P
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "GET https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{PatientId}")]
                static partial void Fetching(ILogger logger, string patientId);

                public static string Run()
                {
                    var logger = new CapturingLogger();
                    Fetching(logger, "4");
                    return logger.Last;
                }
            }
            """ + CapturingLogger,
            "GET " + V2 + "/Patient/4");
    }

    [Fact]
    public async Task Debug_Trace_BeginScope_and_FormattableStringFactory_are_format_strings_but_other_arguments_are_not()
    {
        const string source = """
            using System.Diagnostics;
            using System.Runtime.CompilerServices;
            using Microsoft.Extensions.Logging;

            class C
            {
                void M(ILogger logger, string tenantId)
                {
                    Debug.Print({|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Patient/{0}"|}, 1);
                    Trace.TraceWarning({|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Observation/{0}"|}, 2);
                    using var scope = logger.BeginScope({|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Encounter/{Id}"|}, 3);
                    FormattableString f = FormattableStringFactory.Create({|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Condition/{0}"|}, 4);
                    string g = string.Format("{0}", {|NSM001:"https://fhir.netsmartcloud.com/uscore/v1/Goal/{0}"|});
                }
            }
            """;
        const string fixedSource = """
            using System.Diagnostics;
            using System.Runtime.CompilerServices;
            using Microsoft.Extensions.Logging;

            class C
            {
                void M(ILogger logger, string tenantId)
                {
                    Debug.Print({|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{0}"|}, 1);
                    Trace.TraceWarning({|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Observation/{0}"|}, 2);
                    using var scope = logger.BeginScope({|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Encounter/{Id}"|}, 3);
                    FormattableString f = FormattableStringFactory.Create({|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Condition/{0}"|}, 4);
                    string g = string.Format("{0}", $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Goal/{{0}}");
                }
            }
            """;

        var test = new VerifyUrl.Test
        {
            TestCode = source.Replace("FormattableString f", "System.FormattableString f"),
            FixedCode = fixedSource.Replace("FormattableString f", "System.FormattableString f"),
            CodeActionEquivalenceKey = NetsmartUrlCodeFixProvider.MoveToPatientAccessKey,
        };
        test.TestState.AdditionalReferences.Add(Runner.References.Last());
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task NSM005_in_a_format_string_offers_no_interpolation_and_NSM004_writes_the_escape_which_NSM005_reports()
    {
        const string source = """
            class C
            {
                string A(string tenantId, int id) => string.Format({|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient/{0}"|}, id);
                string B(string tenantId, int id) => string.Format({|NSM004:"https://fhir.netsmartcloud.com/provider/patient-access/v2/Patient/{0}"|}, id);
            }
            """;
        const string fixedSource = """
            class C
            {
                string A(string tenantId, int id) => string.Format({|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenant-id}/Patient/{0}"|}, id);
                string B(string tenantId, int id) => string.Format({|NSM005:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{0}"|}, id);
            }
            """;

        // The escaped placeholder is still reported (NSM005, the to-do list), and still has no fix in a format string.
        await VerifyUrl.VerifyCodeFixAsync(source, fixedSource, new FixAction("Insert the tenant id", NetsmartUrlCodeFixProvider.InsertTenantKey));
    }

    [Fact]
    public async Task The_escaped_placeholder_is_reported_by_NSM005_with_its_text()
    {
        const string source = """
            class C
            {
                string A(int id) => string.Format({|#0:"https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}/Patient/{0}"|}, id);
            }
            """;

        await VerifyUrl.VerifyAnalyzerAsync(source,
            VerifyUrl.Diagnostic("NSM005").WithLocation(0).WithArguments(
                "https://fhir.netsmartcloud.com/provider/patient-access/v2/{{tenant-id}}", "{{tenant-id}}"));
    }

    [Fact]
    public async Task Outside_format_strings_the_tenant_in_scope_is_still_interpolated()
    {
        await AssertFixRunsAsync(
            """
            public static class P
            {
                public static string Run()
                {
                    string tenantId = "acme";
                    return "https://fhir.netsmartcloud.com/uscore/v1/Patient/{0}";
                }
            }
            """,
            """
            public static class P
            {
                public static string Run()
                {
                    string tenantId = "acme";
                    return $"https://fhir.netsmartcloud.com/provider/patient-access/v2/{tenantId}/Patient/{{0}}";
                }
            }
            """,
            "https://fhir.netsmartcloud.com/provider/patient-access/v2/acme/Patient/{0}");
    }

    /// <summary>Fix-All and one-by-one give <paramref name="after"/>; it compiles, runs without throwing, and returns <paramref name="output"/>.</summary>
    private static async Task AssertFixRunsAsync(string before, string after, string output)
    {
        using var workspace = new AdhocWorkspace();
        var program = new TestProgram(new[] { ("/src/P.cs", TestDefaults.Normalize(before)) });
        Solution original = FixRunner.Create(workspace, program, Runner.References, OutputKind.DynamicallyLinkedLibrary);
        Assert.NotEmpty((await FixRunner.AnalyzeAsync(original)).Nsm);

        Solution all = await FixRunner.FixAllAsync(original);
        Solution oneByOne = await FixRunner.FixOneByOneAsync(original);
        Assert.Equal(TestDefaults.Normalize(after), FixRunner.Texts(all).Single());
        Assert.Equal(FixRunner.Texts(all), FixRunner.Texts(oneByOne));
        Assert.Equal(output, await Runner.RunAsync(all));
    }
}
