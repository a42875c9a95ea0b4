namespace IcedServerless.Storage;

/// <summary>Appends a SAS token to each request's query; the token is the only credential.</summary>
internal sealed class SasTokenAuthorizer(string sasToken) : IRequestAuthorizer
{
    /// <inheritdoc />
    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var query = uri.Query.TrimStart('?');
        request.RequestUri = new Uri(
            uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            + "?" + (query.Length == 0 ? sasToken : query + "&" + sasToken));
        return ValueTask.CompletedTask;
    }
}
