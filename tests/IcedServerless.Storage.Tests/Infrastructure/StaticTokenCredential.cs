using System.Text;
using System.Text.Json;
using Azure.Core;

namespace IcedServerless.Storage.Tests.Infrastructure;

/// <summary>
/// A token source for tests: hands out one fixed token and counts how often it was asked. Azurite's
/// <c>--oauth basic</c> checks issuer, audience and lifetime but not the signature, so <see cref="Jwt"/> makes
/// tokens it accepts without any identity provider.
/// </summary>
internal sealed class StaticTokenCredential(string token, DateTimeOffset expiresOn) : TokenCredential
{
    private int _requests;

    public int Requests => _requests;

    public string[]? LastScopes { get; private set; }

    /// <summary>An unsigned-in-effect JWT for the given object and tenant, valid between the given times.</summary>
    public static string Jwt(string objectId, string tenantId, DateTimeOffset notBefore, DateTimeOffset expiresOn)
    {
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Part(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" });
        var payload = Part(new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = $"https://sts.windows.net/{tenantId}/",
            ["iat"] = notBefore.ToUnixTimeSeconds(),
            ["nbf"] = notBefore.ToUnixTimeSeconds(),
            ["exp"] = expiresOn.ToUnixTimeSeconds(),
            ["oid"] = objectId,
            ["tid"] = tenantId,
        });
        return $"{header}.{payload}.{Convert.ToBase64String(Encoding.ASCII.GetBytes("not-checked")).TrimEnd('=')}";
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        LastScopes = requestContext.Scopes;
        return new AccessToken(token, expiresOn);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
