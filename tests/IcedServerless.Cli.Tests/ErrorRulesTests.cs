using IcedServerless.Client;
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
    public void Typed_failures_of_other_libraries_match_by_type_name()
    {
        Assert.Equal(ExitCodes.Timeout, ErrorRules.Find(new ScoringTimeoutException("waited 30 min"))!.ExitCode);
        Assert.Equal(ExitCodes.ServiceError, ErrorRules.Find(new ScoringServiceUnavailableException("503 after 5 tries"))!.ExitCode);
    }

    [Fact]
    public void Job_failures_are_4_and_unknown_exceptions_are_bugs()
    {
        Assert.Equal(ExitCodes.JobFailed, ErrorRules.Find(new JobFailedException("j1", JobState.Failed, "poisoned shard"))!.ExitCode);
        Assert.Null(ErrorRules.Find(new InvalidOperationException("bug")));
    }

    // Stand-ins with the client library's names: the rules must not need a compile-time reference to them.
    private sealed class ScoringTimeoutException(string message) : Exception(message);

    private sealed class ScoringServiceUnavailableException(string message) : Exception(message);
}
