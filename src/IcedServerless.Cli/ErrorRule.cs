namespace IcedServerless.Cli;

/// <summary>How one kind of failure is reported: its exit code and a message that says what to do.</summary>
/// <param name="Matches">Whether the rule applies.</param>
/// <param name="ExitCode">The exit code (<see cref="ExitCodes"/>).</param>
/// <param name="Describe">The message, given the failure and the endpoint in use (null when options were bad).</param>
internal sealed record ErrorRule(Func<Exception, bool> Matches, int ExitCode, Func<Exception, string?, string> Describe)
{
    /// <summary>A rule for an exception type and its subclasses.</summary>
    public static ErrorRule For<T>(int exitCode, Func<T, string?, string>? describe = null)
        where T : Exception =>
        new(e => e is T, exitCode, (e, endpoint) => describe is null ? e.Message : describe((T)e, endpoint));
}
