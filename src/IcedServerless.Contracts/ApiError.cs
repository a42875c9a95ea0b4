namespace IcedServerless.Contracts;

/// <summary>The body of every non-2xx answer: <c>{"error": {...}}</c>.</summary>
/// <param name="Error">What went wrong.</param>
public sealed record ErrorResponse(ApiError Error);

/// <summary>A request the service refused.</summary>
/// <param name="Code">A stable code from <see cref="ApiErrorCodes"/>.</param>
/// <param name="Message">A sentence saying what to fix.</param>
/// <param name="Units">For <see cref="ApiErrorCodes.InputsMissing"/> and <see cref="ApiErrorCodes.InputTooLarge"/>: the units at fault.</param>
public sealed record ApiError(string Code, string Message, IReadOnlyList<int>? Units = null);

/// <summary>Error codes of the HTTP API.</summary>
public static class ApiErrorCodes
{
    /// <summary>The body or a parameter is malformed (400).</summary>
    public const string BadRequest = "BadRequest";

    /// <summary>The model id is not in the catalog (404).</summary>
    public const string UnknownModel = "UnknownModel";

    /// <summary>The key set is not registered for the model (404).</summary>
    public const string UnknownKeySet = "UnknownKeySet";

    /// <summary>The job does not exist (404).</summary>
    public const string UnknownJob = "UnknownJob";

    /// <summary>Uploaded keys do not match the declared hash or length, or fail to load for the model (400).</summary>
    public const string InvalidKeys = "InvalidKeys";

    /// <summary>Submit found units not uploaded (400).</summary>
    public const string InputsMissing = "InputsMissing";

    /// <summary>Submit found units larger than the model's unit can be (413).</summary>
    public const string InputTooLarge = "InputTooLarge";

    /// <summary>The job expired or already failed (409).</summary>
    public const string JobNotSubmittable = "JobNotSubmittable";

    /// <summary>No route matches, or the method is wrong (404/405).</summary>
    public const string NotFound = "NotFound";

    /// <summary>The function key is missing or wrong (401; local mode only, the Functions host checks it in Azure).</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>The service failed unexpectedly (500); the call can be retried.</summary>
    public const string InternalError = "InternalError";
}

/// <summary>Error codes a failed job reports in <see cref="JobError.Code"/>.</summary>
public static class JobErrorCodes
{
    /// <summary>An input unit is not a concatenation of valid SEAL ciphertexts for the model's parameters.</summary>
    public const string MalformedCiphertext = "MalformedCiphertext";

    /// <summary>A ciphertext is valid but at the wrong level (parms_id) or scale for the model's input.</summary>
    public const string MismatchedCiphertext = "MismatchedCiphertext";

    /// <summary>An input unit holds more or fewer ciphertexts than the plan's unit.</summary>
    public const string WrongCiphertextCount = "WrongCiphertextCount";

    /// <summary>An input unit is larger than the plan's unit can be; it was not downloaded.</summary>
    public const string InputTooLarge = "InputTooLarge";

    /// <summary>An input unit is gone (deleted after submission).</summary>
    public const string InputMissing = "InputMissing";

    /// <summary>The job's model is no longer in the catalog.</summary>
    public const string UnknownModel = "UnknownModel";

    /// <summary>The job's key set is missing or no longer loads for the model.</summary>
    public const string UnknownKeySet = "UnknownKeySet";

    /// <summary>The shard kept failing until its message went to the poison queue.</summary>
    public const string ShardPoisoned = "ShardPoisoned";

    /// <summary>The job expired before every shard finished.</summary>
    public const string JobExpired = "JobExpired";
}
