using IcedServerless.Contracts;

namespace IcedServerless.Functions.Scoring;

/// <summary>
/// A shard cannot succeed however often it is retried — bad input, unknown model or keys — so the job is marked
/// failed with this error instead of letting the message loop into the poison queue.
/// </summary>
public sealed class JobFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">A code from <see cref="JobErrorCodes"/>.</param>
    /// <param name="message">What is wrong, naming the unit.</param>
    /// <param name="unit">The unit at fault, if one is.</param>
    /// <param name="innerException">The cause, if any.</param>
    public JobFailureException(string code, string message, int? unit = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Unit = unit;
    }

    /// <summary>The error code.</summary>
    public string Code { get; }

    /// <summary>The unit at fault, if any.</summary>
    public int? Unit { get; }

    /// <summary>The error to record for a shard.</summary>
    /// <param name="shard">The shard.</param>
    /// <returns>The error.</returns>
    public JobError ToJobError(int shard) => new(Code, Message, shard, Unit);
}
