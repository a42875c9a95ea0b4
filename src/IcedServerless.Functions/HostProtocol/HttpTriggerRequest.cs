namespace IcedServerless.Functions.HostProtocol;

/// <summary>
/// An HTTP request as the app's handlers see it, whether it came straight to the app (local mode) or inside the
/// Functions host's invocation payload.
/// </summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Url">The original public URL, with its query.</param>
/// <param name="RouteValues">Route parameters (e.g. <c>jobId</c>).</param>
/// <param name="Body">The body as UTF-8 text (empty when none).</param>
public sealed record HttpTriggerRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> RouteValues, string Body)
{
    /// <summary>A route value, or <see langword="null"/>.</summary>
    /// <param name="name">The parameter name (case-insensitive).</param>
    /// <returns>The value.</returns>
    public string? Route(string name) =>
        RouteValues.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
