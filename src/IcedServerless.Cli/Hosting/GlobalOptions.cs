using System.CommandLine;

namespace IcedServerless.Cli.Hosting;

/// <summary>The options every command accepts (recursive, so they may follow the command name).</summary>
internal sealed class GlobalOptions
{
    public const string EndpointVariable = "ICED_ENDPOINT";
    public const string FunctionKeyVariable = "ICED_FUNCTION_KEY";
    public const string HomeVariable = "ICED_HOME";

    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = $"The scoring service: an http(s) URL, or '{EndpointTarget.EmbeddedName}' to host it in this process on the embedded store (default; env {EndpointVariable}).",
        Recursive = true,
    };

    public Option<string?> FunctionKey { get; } = new("--function-key")
    {
        Description = $"The Function App's function key, sent as x-functions-key (env {FunctionKeyVariable}); never printed.",
        Recursive = true,
    };

    public Option<string?> Store { get; } = new("--store")
    {
        Description = $"The embedded store's folder (default: ${HomeVariable}/store).",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as one JSON document on stdout; progress and messages go to stderr.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Show underlying errors in full.", Recursive = true };

    /// <summary>Adds the options to the root command.</summary>
    public void AddTo(Command root)
    {
        root.Options.Add(Endpoint);
        root.Options.Add(FunctionKey);
        root.Options.Add(Store);
        root.Options.Add(Json);
        root.Options.Add(Verbose);
    }
}
