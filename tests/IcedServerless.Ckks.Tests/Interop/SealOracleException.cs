namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>The SEAL oracle answered a request with <c>ok:false</c>.</summary>
public sealed class SealOracleException : Exception
{
    /// <summary>Creates the exception for a failed <paramref name="op"/>.</summary>
    public SealOracleException(string op, string sealMessage, string errorKind)
        : base($"SEAL oracle '{op}' failed ({errorKind}): {sealMessage}")
    {
        Op = op;
        SealMessage = sealMessage;
        ErrorKind = errorKind;
    }

    /// <summary>The op that failed, e.g. "evaluate".</summary>
    public string Op { get; }

    /// <summary>The oracle's message: SEAL's own exception text when <see cref="IsSealError"/>.</summary>
    public string SealMessage { get; }

    /// <summary>"seal" (SEAL threw), "request" (malformed request), "io" (file trouble) or "internal".</summary>
    public string ErrorKind { get; }

    /// <summary>True when SEAL itself refused the request (as opposed to a harness problem).</summary>
    public bool IsSealError => ErrorKind == "seal";
}
