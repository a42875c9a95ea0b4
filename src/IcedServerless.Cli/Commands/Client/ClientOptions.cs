using System.CommandLine;
using IcedServerless.Client.Inputs;

namespace IcedServerless.Cli.Commands.Client;

/// <summary>Options shared by the client commands (one instance per command: an option belongs to one parent).</summary>
internal static class ClientOptions
{
    public static Option<string> Model(bool required = true) => new("--model")
    {
        Description = "The service model, e.g. pneumoniamnist-28/latency (`iced models` lists them).",
        Required = required,
    };

    public static Option<string?> Keys() => new("--keys")
    {
        Description = "The key set folder (default: $ICED_HOME/keys/<model-name>/<packing>).",
    };

    public static Option<string?> PassphraseEnv() => new("--passphrase-env")
    {
        Description = "The environment variable holding the passphrase that seals (or unseals) the secret key. Never pass the passphrase itself.",
    };

    public static Option<string?> Out(string what) => new("--out") { Description = what };

    public static Option<NpzSplit> Split() => new("--split")
    {
        Description = "For a MedMNIST .npz: the split to score (test, val, train or all).",
        DefaultValueFactory = _ => NpzSplit.Test,
    };

    public static Argument<string> JobId() => new("job-id") { Description = "The job id (printed by `iced submit` / `iced score`)." };
}
