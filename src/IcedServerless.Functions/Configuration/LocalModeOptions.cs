namespace IcedServerless.Functions.Configuration;

/// <summary>
/// Settings of local mode (no Functions host in front), bound from <c>Iced:Local</c>. Local mode is on when the
/// host's <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> is absent.
/// </summary>
public sealed record LocalModeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Iced:Local";

    /// <summary>Run the queue listeners (the host's queue trigger, mimicked). Default true.</summary>
    public bool QueueListener { get; init; } = true;

    /// <summary>When set, direct API calls must present this key (<c>x-functions-key</c> or <c>?code=</c>).</summary>
    public string? FunctionKey { get; init; }

    /// <summary>
    /// The base URL clients reach the app at, for embedded-store links; the first address the server listens on
    /// when unset (with 127.0.0.1 for a wildcard host).
    /// </summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>
    /// How long a received message stays hidden while its function runs, renewed at half this period. The host uses
    /// 10 minutes; a worker that dies leaves its message hidden this long before another instance retries it.
    /// </summary>
    public TimeSpan LeaseVisibility { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The folder with host.json and the function folders; the executable's folder by default.</summary>
    public string? AppRoot { get; init; }

    /// <summary>The largest blob a client may PUT to the embedded store's endpoint. Default 2 GiB.</summary>
    public long MaxUploadBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The function key, or <see langword="null"/> when none is required (empty counts as none).</summary>
    public string? RequiredFunctionKey => string.IsNullOrEmpty(FunctionKey) ? null : FunctionKey;

    /// <summary>The public base URL, or <see langword="null"/> when unset (empty counts as unset).</summary>
    /// <exception cref="FormatException">It is set but not an absolute http(s) URL.</exception>
    public Uri? PublicBase => string.IsNullOrEmpty(PublicBaseUrl) ? null
        : Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw new FormatException($"Iced:Local:PublicBaseUrl '{PublicBaseUrl}' is not an absolute http(s) URL.");

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    /// <exception cref="FormatException">The public base URL is malformed.</exception>
    public void Validate()
    {
        _ = PublicBase;
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaseVisibility, TimeSpan.FromSeconds(2), nameof(LeaseVisibility));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(LeaseVisibility, TimeSpan.FromDays(7), nameof(LeaseVisibility));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUploadBytes, 1, nameof(MaxUploadBytes));
    }
}
