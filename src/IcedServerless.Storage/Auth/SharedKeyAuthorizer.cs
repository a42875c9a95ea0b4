namespace IcedServerless.Storage;

/// <summary>Signs each request with the account key (<c>Authorization: SharedKey account:signature</c>).</summary>
internal sealed class SharedKeyAuthorizer(string accountName, byte[] accountKey) : IRequestAuthorizer
{
    /// <inheritdoc />
    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var signature = SharedKeySigner.Sign(SharedKeySigner.StringToSign(request, accountName), accountKey);
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {accountName}:{signature}");
        return ValueTask.CompletedTask;
    }
}
