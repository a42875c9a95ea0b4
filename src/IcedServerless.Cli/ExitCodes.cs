namespace IcedServerless.Cli;

/// <summary>The process exit codes of <c>iced</c> (docs/cli.md lists them for scripts).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A bug in <c>iced</c> or the service: the stack trace is printed.</summary>
    public const int InternalError = 1;

    /// <summary>Bad usage or input: a path, an image format, a key file, a passphrase, a model/key set mismatch.</summary>
    public const int UsageError = 2;

    /// <summary>The service could not be reached or refused the call (transport errors, 401/403, unknown key set).</summary>
    public const int ServiceError = 3;

    /// <summary>The job failed or expired on the service.</summary>
    public const int JobFailed = 4;

    /// <summary>Waiting for a job took longer than allowed.</summary>
    public const int Timeout = 5;

    /// <summary>Cancelled (Ctrl-C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
