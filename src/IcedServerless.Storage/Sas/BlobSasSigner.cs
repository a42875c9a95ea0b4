using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IcedServerless.Storage.Sas;

/// <summary>
/// Builds blob SAS query strings. Fields are signed un-escaped and joined by '\n'; unused optional fields stay
/// as empty lines. The canonical resource is <c>/blob/account/container/blob</c> (no doubled account, even
/// on path-style Azurite URLs).
/// </summary>
internal static class BlobSasSigner
{
    /// <summary>An account-key service SAS (sv=<see cref="StorageProtocol.Version"/>, 16 fields).</summary>
    public static string ServiceSas(
        string account, ReadOnlySpan<byte> accountKey, string container, string blobName, string permissions, DateTimeOffset expiresOn)
    {
        var se = Format(expiresOn);
        var fields = new[]
        {
            permissions, string.Empty, se, CanonicalResource(account, container, blobName), string.Empty, string.Empty, string.Empty,
            StorageProtocol.Version, "b", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty,
        };
        var sig = Sign(string.Join('\n', fields), accountKey);
        return Query(("sv", StorageProtocol.Version), ("se", se), ("sr", "b"), ("sp", permissions), ("sig", sig));
    }

    /// <summary>
    /// A user-delegation SAS (sv=<see cref="StorageProtocol.UserDelegationSasVersion"/>, the 24-field layout valid
    /// from 2020-12-06 until 2025-07-05), signed with the delegation key's value.
    /// </summary>
    public static string UserDelegationSas(
        string account, UserDelegationKey key, string container, string blobName, string permissions, DateTimeOffset expiresOn)
    {
        var se = Format(expiresOn);
        var fields = new[]
        {
            permissions, string.Empty, se, CanonicalResource(account, container, blobName),
            key.SignedOid, key.SignedTid, key.SignedStart, key.SignedExpiry, key.SignedService, key.SignedVersion,
            string.Empty, string.Empty, string.Empty, // saoid, suoid, scid
            string.Empty, string.Empty, // sip, spr
            StorageProtocol.UserDelegationSasVersion, "b",
            string.Empty, string.Empty, // snapshot, ses
            string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, // rscc, rscd, rsce, rscl, rsct
        };
        var sig = Sign(string.Join('\n', fields), Convert.FromBase64String(key.Value));
        return Query(
            ("sv", StorageProtocol.UserDelegationSasVersion), ("se", se), ("sr", "b"), ("sp", permissions),
            ("skoid", key.SignedOid), ("sktid", key.SignedTid), ("skt", key.SignedStart), ("ske", key.SignedExpiry),
            ("sks", key.SignedService), ("skv", key.SignedVersion), ("sig", sig));
    }

    /// <summary>The SAS time format: UTC to the second.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(StorageProtocol.SasTimeFormat, CultureInfo.InvariantCulture);

    private static string CanonicalResource(string account, string container, string blobName) => $"/blob/{account}/{container}/{blobName}";

    private static string Sign(string stringToSign, ReadOnlySpan<byte> key) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    private static string Query(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => f.Name + "=" + Uri.EscapeDataString(f.Value)));
}
