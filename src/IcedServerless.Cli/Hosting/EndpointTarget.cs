namespace IcedServerless.Cli.Hosting;

/// <summary>Where the scoring service is: hosted in this process on the embedded store, or at a URL.</summary>
/// <param name="Remote">The service's base URL; <see langword="null"/> for the embedded service.</param>
internal sealed record EndpointTarget(Uri? Remote)
{
    /// <summary>The value that selects the in-process service.</summary>
    public const string EmbeddedName = "embedded";

    /// <summary>The in-process service.</summary>
    public static EndpointTarget Embedded { get; } = new((Uri?)null);

    /// <summary>Whether the service runs in this process.</summary>
    public bool IsEmbedded => Remote is null;

    /// <summary>Parses <c>--endpoint</c> / <c>ICED_ENDPOINT</c>: empty or <c>embedded</c>, or an absolute http(s) URL.</summary>
    /// <param name="value">The value.</param>
    /// <param name="source">Where it came from, for the message.</param>
    /// <exception cref="UserFacingException">Neither.</exception>
    public static EndpointTarget Parse(string? value, string source)
    {
        if (string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), EmbeddedName, StringComparison.OrdinalIgnoreCase))
        {
            return Embedded;
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
        {
            // The API lives under {base}/api/: a base without a trailing slash would lose its last segment.
            return new EndpointTarget(uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"));
        }

        throw new UserFacingException(
            $"{source} '{value}' is not a service address: use an http(s) URL such as https://myapp.azurewebsites.net/ "
            + $"(no query string; pass the function key with --function-key), or '{EmbeddedName}' for the in-process service.");
    }

    /// <inheritdoc />
    public override string ToString() => Remote?.AbsoluteUri ?? EmbeddedName;
}
