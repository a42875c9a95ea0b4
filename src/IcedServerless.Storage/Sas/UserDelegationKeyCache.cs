using System.Xml.Linq;

namespace IcedServerless.Storage.Sas;

/// <summary>
/// Fetches user-delegation keys (Get User Delegation Key, bearer auth) and reuses one while it outlives the SAS
/// being signed. Keys are requested for up to 7 days, the service maximum.
/// </summary>
internal sealed class UserDelegationKeyCache(StoragePipeline pipeline, string blobEndpoint)
{
    private static readonly TimeSpan s_maxKeyLifetime = TimeSpan.FromDays(7);
    private static readonly TimeSpan s_defaultKeyLifetime = TimeSpan.FromDays(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserDelegationKey? _key;

    /// <summary>A key valid until at least <paramref name="sasExpiresOn"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The SAS would outlive any key (more than 7 days ahead).</exception>
    public async Task<UserDelegationKey> GetAsync(DateTimeOffset sasExpiresOn, CancellationToken cancellationToken)
    {
        var now = pipeline.Options.TimeProvider.GetUtcNow();
        if (sasExpiresOn > now + s_maxKeyLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(sasExpiresOn), sasExpiresOn, "A user-delegation SAS cannot live longer than 7 days.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_key is null || _key.ExpiresOn < sasExpiresOn)
            {
                var wanted = sasExpiresOn - now > s_defaultKeyLifetime ? now + s_maxKeyLifetime : now + s_defaultKeyLifetime;
                _key = await FetchAsync(now, wanted, cancellationToken).ConfigureAwait(false);
            }

            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<UserDelegationKey> FetchAsync(DateTimeOffset start, DateTimeOffset expiry, CancellationToken cancellationToken)
    {
        // Start a little in the past so a service clock slightly behind ours accepts the key at once.
        var body = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><KeyInfo><Start>{BlobSasSigner.Format(start.AddMinutes(-5))}</Start>"
            + $"<Expiry>{BlobSasSigner.Format(expiry)}</Expiry></KeyInfo>";
        var request = new StorageRequest(HttpMethod.Post, new Uri(blobEndpoint + "/"), "Get User Delegation Key", "(service)")
            .Query("restype", "service")
            .Query("comp", "userdelegationkey")
            .Xml(body);
        using var response = await pipeline.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Root;
        string Field(string name) => root?.Element(name)?.Value
            ?? throw new StorageException((int)response.StatusCode, null, $"Get User Delegation Key answered without <{name}>.");
        return new UserDelegationKey(
            Field("SignedOid"), Field("SignedTid"), Field("SignedStart"), Field("SignedExpiry"), Field("SignedService"),
            Field("SignedVersion"), Field("Value"));
    }
}
