using IcedServerless.Ckks.Serialization;
using IcedServerless.Client;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Jobs;
using IcedServerless.Client.Keys;
using IcedServerless.Client.Results;
using IcedServerless.Client.Workflow;
using IcedServerless.Contracts;
using IcedServerless.Imaging;
using IcedServerless.Model.Serialization;

namespace IcedServerless.Cli;

/// <summary>
/// The failures <c>iced</c> reports as messages rather than stack traces, in order (first match wins). Anything
/// else is exit code 1 with the stack trace: a bug. Add a rule here when a library gains a typed failure.
/// </summary>
internal static class ErrorRules
{
    private const string EndpointHint = "check --endpoint / ICED_ENDPOINT, or start a local service with `iced serve`";

    public static IReadOnlyList<ErrorRule> All { get; } =
    [
        ErrorRule.For<UserFacingException>(ExitCodes.UsageError),
        ErrorRule.For<ModelFormatException>(ExitCodes.UsageError, (e, _) => $"invalid model file: {e.Message}"),
        ErrorRule.For<ImageFormatException>(ExitCodes.UsageError, (e, _) => $"unreadable image: {e.Message} (iced reads MedMNIST .npz/.npy, PNG and DICOM)"),
        ErrorRule.For<SealFormatException>(ExitCodes.UsageError, (e, _) => $"invalid key or ciphertext file: {e.Message}"),
        ErrorRule.For<FileNotFoundException>(ExitCodes.UsageError, (e, _) => $"{e.Message} Check the path."),
        ErrorRule.For<DirectoryNotFoundException>(ExitCodes.UsageError, (e, _) => $"{e.Message} Check the path."),
        ErrorRule.For<UnauthorizedAccessException>(ExitCodes.UsageError, (e, _) => $"{e.Message} Check the file's permissions."),
        ErrorRule.For<InputException>(ExitCodes.UsageError),
        ErrorRule.For<KeyFileException>(ExitCodes.UsageError),
        ErrorRule.For<KeyPassphraseException>(ExitCodes.UsageError, (e, _) => $"{e.Message} Give the passphrase through an environment variable: --passphrase-env VAR."),
        ErrorRule.For<KeySetMismatchException>(ExitCodes.UsageError),
        ErrorRule.For<ResultFormatException>(ExitCodes.UsageError),
        ErrorRule.For<InputsChangedException>(ExitCodes.UsageError),
        ErrorRule.For<ModelNotFoundException>(ExitCodes.UsageError, (e, _) => $"{e.Message} `iced models` lists them."),
        ErrorRule.For<JobRecordNotFoundException>(ExitCodes.UsageError),
        ErrorRule.For<JobNotSubmittedException>(ExitCodes.UsageError),
        ErrorRule.For<ScoringJobFailedException>(ExitCodes.JobFailed, (e, _) => $"{e.Message} Score the images again as a new job."),
        ErrorRule.For<TimeoutException>(ExitCodes.Timeout, (e, _) => $"{e.Message} The job keeps running: wait for it again with `iced wait`."),
        ErrorRule.For<ScoringTimeoutException>(ExitCodes.Timeout, (e, _) => $"{e.Message} The job keeps running: wait for it again with `iced wait`."),
        ErrorRule.For<ScoringServiceUnavailableException>(ExitCodes.ServiceError, (e, endpoint) => $"{e.Message} ({endpoint}; {EndpointHint})"),
        ErrorRule.For<PlanIncompleteException>(ExitCodes.UsageError),
        ErrorRule.For<ScoringApiException>(ExitCodes.UsageError, (e, _) => $"{e.Message} `iced models` lists the service's models.") with
        {
            Matches = e => e is ScoringApiException { Error.Code: ApiErrorCodes.UnknownModel },
        },
        ErrorRule.For<ScoringApiException>(ExitCodes.UsageError, (e, _) => $"{e.Message} Create the keys again with `iced keys create --force`.") with
        {
            Matches = e => e is ScoringApiException { Error.Code: ApiErrorCodes.InvalidKeys },
        },
        ErrorRule.For<ScoringApiException>(ExitCodes.ServiceError, DescribeRefusal),
        ErrorRule.For<HttpRequestException>(ExitCodes.ServiceError, (e, endpoint) => $"cannot reach the scoring service at {endpoint}: {e.Message} ({EndpointHint})."),
    ];

    /// <summary>The rule for a failure, or null for a bug.</summary>
    public static ErrorRule? Find(Exception exception) => All.FirstOrDefault(r => r.Matches(exception));

    private static string DescribeRefusal(ScoringApiException e, string? endpoint) => e switch
    {
        { Status: 401 } or { Error.Code: ApiErrorCodes.Unauthorized } =>
            $"{e.Message} The service at {endpoint} wants a function key: pass it with --function-key or ICED_FUNCTION_KEY (Azure portal: Function App → App keys).",
        { Status: 403 } =>
            $"{e.Message} Check the function key (--function-key / ICED_FUNCTION_KEY); if an upload or download link was refused, it may have expired — run the command again.",
        { Error.Code: ApiErrorCodes.UnknownKeySet } =>
            $"{e.Message} The service at {endpoint} does not know this key set: register the keys again (a new store or service forgets them), or check that --endpoint names the service you registered them with.",
        { Error.Code: ApiErrorCodes.UnknownJob } =>
            $"{e.Message} Check the job id, and that --endpoint names the service the job was submitted to.",
        { Status: >= 500 } => $"{e.Message} The service at {endpoint} failed; try again later, or look at its logs.",
        _ => e.Message,
    };
}
