using Azure.Core;

namespace IcedServerless.Storage;

/// <summary>
/// Adds <c>Authorization: Bearer</c> from a <see cref="TokenCredential"/> for the storage scope. The token is
/// cached and refreshed five minutes before it expires, so a busy store asks the identity endpoint rarely.
/// </summary>
internal sealed class BearerTokenAuthorizer(TokenCredential credential, TimeProvider time) : IRequestAuthorizer
{
    private static readonly TimeSpan s_refreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private AccessToken _token;

    /// <inheritdoc />
    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
    }

    /// <summary>The cached token, refreshed when it is close to expiry.</summary>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(_token))
        {
            return _token.Token;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh(_token))
            {
                _token = await credential.GetTokenAsync(new TokenRequestContext([StorageProtocol.TokenScope]), cancellationToken)
                    .ConfigureAwait(false);
            }

            return _token.Token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private bool IsFresh(AccessToken token) =>
        token.Token is not null && token.ExpiresOn - s_refreshMargin > time.GetUtcNow();
}
