using IcedServerless.Client;
using IcedServerless.Client.Workflow;
using IcedServerless.Contracts;

namespace IcedServerless.Cli.Tests;

/// <summary>How failures map to exit codes and messages (the table the next commands extend).</summary>
public sealed class ErrorRulesTests
{
    [Fact]
    public void An_unknown_key_set_is_a_service_error_that_says_to_register_again_or_check_the_endpoint()
    {
        var e = new ScoringApiException(404, new ApiError(ApiErrorCodes.UnknownKeySet, "no such key set"), "POST /api/jobs answered 404: no such key set");
        var rule = ErrorRules.Find(e)!;
        Assert.Equal(ExitCodes.ServiceError, rule.ExitCode);
        var message = rule.Describe(e, "http://x/");
        Assert.Contains("register the keys again", message, StringComparison.Ordinal);
        Assert.Contains("--endpoint", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, null, ExitCodes.ServiceError, "--function-key")]
    [InlineData(403, null, ExitCodes.ServiceError, "expired")]
    [InlineData(404, ApiErrorCodes.UnknownModel, ExitCodes.UsageError, "iced models")]
    [InlineData(400, ApiErrorCodes.InvalidKeys, ExitCodes.UsageError, "keys create")]
    [InlineData(503, null, ExitCodes.ServiceError, "try again later")]
    public void Service_refusals_map_by_status_and_code(int status, string? code, int exitCode, string hint)
    {
        var e = new ScoringApiException(status, code is null ? null : new ApiError(code, "refused"), "refused");
        var rule = ErrorRules.Find(e)!;
        Assert.Equal(exitCode, rule.ExitCode);
        Assert.Contains(hint, rule.Describe(e, "http://x/"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_retry_layer_failures_are_timeout_and_service_errors()
    {
        Assert.Equal(ExitCodes.Timeout, ErrorRules.Find(new ScoringTimeoutException("j1", TimeSpan.FromMinutes(30), null))!.ExitCode);
        var unreachable = new ScoringServiceUnavailableException(new Uri("http://127.0.0.1:1/"), 4, new HttpRequestException("refused"));
        var rule = ErrorRules.Find(unreachable)!;
        Assert.Equal(ExitCodes.ServiceError, rule.ExitCode);
        Assert.Contains("iced serve", rule.Describe(unreachable, "http://127.0.0.1:1/"), StringComparison.Ordinal);
    }

    [Fact]
    public void Job_failures_are_4_and_unknown_exceptions_are_bugs()
    {
        Assert.Equal(ExitCodes.JobFailed, ErrorRules.Find(new ScoringJobFailedException("j1", JobState.Failed, "poisoned shard"))!.ExitCode);
        Assert.Null(ErrorRules.Find(new InvalidOperationException("bug")));
    }
}
