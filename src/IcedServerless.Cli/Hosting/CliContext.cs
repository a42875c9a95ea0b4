using System.CommandLine;
using IcedServerless.Cli.Output;

namespace IcedServerless.Cli.Hosting;

/// <summary>
/// The resolved global options a command receives: endpoint (option, then <c>ICED_ENDPOINT</c>, then embedded),
/// function key, <c>ICED_HOME</c> and its folders, output mode.
/// </summary>
internal sealed class CliContext
{
    private CliContext(CliHost host, CliOutput output, EndpointTarget endpoint, string? functionKey, string home, string store, bool verbose)
    {
        Host = host;
        Output = output;
        Endpoint = endpoint;
        FunctionKey = functionKey;
        Home = home;
        StoreDirectory = store;
        Verbose = verbose;
    }

    public CliHost Host { get; }

    public CliOutput Output { get; }

    public EndpointTarget Endpoint { get; }

    /// <summary>The function key (never printed); <see langword="null"/> when none was given.</summary>
    public string? FunctionKey { get; }

    /// <summary><c>ICED_HOME</c>: where keys, job records and the embedded store live.</summary>
    public string Home { get; }

    /// <summary>The embedded store's folder (<c>--store</c>, default <c>ICED_HOME/store</c>).</summary>
    public string StoreDirectory { get; }

    public bool Verbose { get; }

    public bool Json => Output.Json;

    /// <summary>Where a model's key set lives by default: <c>ICED_HOME/keys/&lt;model-name&gt;/&lt;packing&gt;</c>.</summary>
    public string KeysDirectory(string modelId)
    {
        var slash = modelId.IndexOf('/', StringComparison.Ordinal);
        var (name, packing) = slash < 0 ? (modelId, "default") : (modelId[..slash], modelId[(slash + 1)..]);
        return Path.Combine(Home, "keys", Safe(name), Safe(packing));
    }

    /// <summary>Where job records live: <c>ICED_HOME/jobs</c>.</summary>
    public string JobsDirectory => Path.Combine(Home, "jobs");

    /// <summary>Opens the service the endpoint names (the caller disposes it).</summary>
    /// <param name="queueListener">Whether an embedded service scores jobs (only for commands that wait for them).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public Task<ServiceSession> OpenServiceAsync(bool queueListener, CancellationToken cancellationToken) =>
        ServiceSession.OpenAsync(this, queueListener, cancellationToken);

    /// <summary>
    /// Output only: what every command has even when its options are bad, so the error itself can be printed
    /// (as plain stderr lines, whatever <c>--json</c> says).
    /// </summary>
    public static CliOutput OutputFor(CliHost host, ParseResult parse, GlobalOptions options) =>
        new(host.Out, host.Error, host.RawOut, parse.GetValue(options.Json));

    /// <summary>Resolves the options and environment.</summary>
    /// <exception cref="UserFacingException">The endpoint or ICED_HOME is malformed.</exception>
    public static CliContext Resolve(CliHost host, ParseResult parse, GlobalOptions options, CliOutput output)
    {
        var endpointOption = parse.GetValue(options.Endpoint);
        var endpoint = endpointOption is not null
            ? EndpointTarget.Parse(endpointOption, "--endpoint")
            : EndpointTarget.Parse(host.Environment(GlobalOptions.EndpointVariable), GlobalOptions.EndpointVariable);
        var key = parse.GetValue(options.FunctionKey) ?? host.Environment(GlobalOptions.FunctionKeyVariable);
        var home = host.Environment(GlobalOptions.HomeVariable) is { Length: > 0 } h ? h : Path.Combine(host.UserHome, ".iced");
        var store = parse.GetValue(options.Store) is { Length: > 0 } s ? s : Path.Combine(home, "store");
        try
        {
            home = Path.GetFullPath(home);
            store = Path.GetFullPath(store);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UserFacingException($"ICED_HOME '{home}' or --store '{store}' is not a valid folder path.", e);
        }

        return new CliContext(host, output, endpoint, string.IsNullOrEmpty(key) ? null : key, home, store, parse.GetValue(options.Verbose));
    }

    // A model id is service-supplied text: keep it to one harmless path segment.
    private static string Safe(string segment)
    {
        var chars = segment.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
