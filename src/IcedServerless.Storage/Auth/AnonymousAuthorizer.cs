namespace IcedServerless.Storage;

/// <summary>Adds nothing: the request URI already carries its grant (a SAS link handed out by the service).</summary>
internal sealed class AnonymousAuthorizer : IRequestAuthorizer
{
    /// <summary>The shared instance.</summary>
    public static readonly AnonymousAuthorizer Instance = new();

    /// <inheritdoc />
    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
