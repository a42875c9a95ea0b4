using IcedServerless.Ckks;
using IcedServerless.Inference;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions;

/// <summary>How to build the app: its models, extra settings, and where it listens.</summary>
public sealed record FunctionsAppOptions
{
    /// <summary>
    /// Creates the model catalog. It receives the CKKS context options the models must use (their
    /// <see cref="CkksContextOptions.MaxDegreeOfParallelism"/> follows <c>Iced:Pipeline:ScoringParallelism</c>).
    /// </summary>
    public required Func<CkksContextOptions, IModelCatalog> ModelCatalog { get; init; }

    /// <summary>Command-line arguments (e.g. <c>--urls</c>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Settings that override environment variables and app settings (e.g. <c>Iced:Pipeline:UnitsPerShard</c>).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// The address to listen on in local mode, e.g. <c>http://127.0.0.1:0</c> for a free loopback port;
    /// <see langword="null"/> for <c>--urls</c>/<c>ASPNETCORE_URLS</c> or <c>http://127.0.0.1:7071</c>. Under the
    /// Functions host the app always listens on <c>127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT</c>.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>Replaces the default logging (JSON console with scopes).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
