namespace IcedServerless.Storage.Sas;

/// <summary>
/// A key from Get User Delegation Key. Its fields are kept as the service wrote them, because they are signed
/// verbatim into the SAS. <see cref="Value"/> is the HMAC key (base64).
/// </summary>
internal sealed record UserDelegationKey(
    string SignedOid, string SignedTid, string SignedStart, string SignedExpiry, string SignedService, string SignedVersion, string Value)
{
    /// <summary>When the key stops working.</summary>
    public DateTimeOffset ExpiresOn => DateTimeOffset.Parse(SignedExpiry, System.Globalization.CultureInfo.InvariantCulture);
}
