namespace IcedServerless.Storage.FileSystem;

/// <summary>What a validated local SAS link allows.</summary>
/// <param name="Container">The container.</param>
/// <param name="BlobName">The blob name (unescaped).</param>
/// <param name="Permissions">The permissions the link grants.</param>
/// <param name="ExpiresOn">When the link expires.</param>
public sealed record LocalSasGrant(string Container, string BlobName, BlobSasPermissions Permissions, DateTimeOffset ExpiresOn);
