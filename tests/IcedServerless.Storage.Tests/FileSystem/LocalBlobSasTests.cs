using IcedServerless.Storage.FileSystem;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.FileSystem;

/// <summary>The embedded store's signed links: what the local HTTP endpoint will accept, and what it refuses.</summary>
public sealed class LocalBlobSasTests : IDisposable
{
    private static readonly Uri s_base = new("http://127.0.0.1:7071/api/blobs");
    private readonly TempDirectory _root = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Link_HasTheDocumentedShape_AndValidatesBackToItsBlob()
    {
        var sas = LocalBlobSas.ForStoreRoot(_root.Path, s_base, _clock);

        var uri = sas.CreateUri("uploads", "client 1/img.bin", BlobSasPermissions.Create | BlobSasPermissions.Write, _clock.GetUtcNow().AddMinutes(15));
        var grant = sas.Validate(new Uri(uri.AbsoluteUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)), "PUT");

        Assert.StartsWith("http://127.0.0.1:7071/api/blobs/uploads/client%201/img.bin?sv=iced-local-1&sp=cw&se=2026-11-22T03%3A15%3A00Z&sig=", uri.AbsoluteUri);
        Assert.Equal(new LocalSasGrant("uploads", "client 1/img.bin", BlobSasPermissions.Create | BlobSasPermissions.Write, _clock.GetUtcNow().AddMinutes(15)), grant);
    }

    [Fact]
    public void Link_StopsWorkingAtItsExpiry()
    {
        var sas = LocalBlobSas.ForStoreRoot(_root.Path, s_base, _clock);
        var uri = sas.CreateUri("predictions", "p.bin", BlobSasPermissions.Read, _clock.GetUtcNow().AddMinutes(10));

        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        sas.Validate(uri, "GET");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var e = Assert.Throws<SasAuthorizationException>(() => sas.Validate(uri, "GET"));

        Assert.Equal(403, e.Status);
        Assert.Equal(StorageErrorCodes.AuthorizationFailure, e.ErrorCode);
        Assert.Contains("expired", e.Message);
    }

    [Theory]
    [InlineData("sp=r&", "sp=rw&")]
    [InlineData("se=2026-11-22T03%3A10%3A00Z", "se=2027-11-22T03%3A10%3A00Z")]
    [InlineData("/predictions/p.bin", "/predictions/q.bin")]
    [InlineData("/predictions/p.bin", "/uploads/p.bin")]
    [InlineData("sv=iced-local-1", "sv=iced-local-2")]
    [InlineData("&sig=", "&sig=A")]
    [InlineData("&sig=", "&sp=r&sig=")]
    [InlineData("/api/blobs/", "/api/other/")]
    public void TamperedLinks_AreRefusedWithoutEchoingTheSignature(string from, string to)
    {
        var sas = LocalBlobSas.ForStoreRoot(_root.Path, s_base, _clock);
        var uri = sas.CreateUri("predictions", "p.bin", BlobSasPermissions.Read, _clock.GetUtcNow().AddMinutes(10));
        var signature = uri.Query[(uri.Query.IndexOf("sig=", StringComparison.Ordinal) + 4)..];
        var tampered = new Uri(uri.AbsoluteUri.Replace(from, to, StringComparison.Ordinal));
        Assert.NotEqual(uri, tampered);

        var e = Assert.Throws<SasAuthorizationException>(() => sas.Validate(tampered, "GET"));

        Assert.Equal(403, e.Status);
        Assert.DoesNotContain(signature, e.Message);
    }

    [Fact]
    public void Permissions_AreEnforcedPerMethod()
    {
        var sas = LocalBlobSas.ForStoreRoot(_root.Path, s_base, _clock);
        var expiry = _clock.GetUtcNow().AddMinutes(10);
        var read = sas.CreateUri("c-1", "b", BlobSasPermissions.Read, expiry);
        var create = sas.CreateUri("c-1", "b", BlobSasPermissions.Create, expiry);
        var write = sas.CreateUri("c-1", "b", BlobSasPermissions.Write, expiry);

        sas.Validate(read, "GET");
        sas.Validate(read, "HEAD");
        sas.Validate(create, "PUT", createOnly: true);
        sas.Validate(write, "PUT");
        Assert.Equal(StorageErrorCodes.AuthorizationPermissionMismatch, Assert.Throws<SasAuthorizationException>(() => sas.Validate(read, "PUT", createOnly: true)).ErrorCode);
        Assert.Equal(StorageErrorCodes.AuthorizationPermissionMismatch, Assert.Throws<SasAuthorizationException>(() => sas.Validate(create, "PUT")).ErrorCode);
        Assert.Equal(StorageErrorCodes.AuthorizationPermissionMismatch, Assert.Throws<SasAuthorizationException>(() => sas.Validate(write, "GET")).ErrorCode);
        Assert.Equal(StorageErrorCodes.AuthorizationPermissionMismatch, Assert.Throws<SasAuthorizationException>(() => sas.Validate(write, "DELETE")).ErrorCode);
    }

    [Fact]
    public void TheKey_IsSharedByEveryStoreOnTheSameRootAndNoOther()
    {
        using var otherRoot = new TempDirectory();
        var first = LocalBlobSas.ForStoreRoot(_root.Path, s_base, _clock);
        var uri = first.CreateUri("c-1", "b", BlobSasPermissions.Read, _clock.GetUtcNow().AddMinutes(10));

        LocalBlobSas.ForStoreRoot(_root.Path, s_base, _clock).Validate(uri, "GET");
        Assert.Throws<SasAuthorizationException>(() => LocalBlobSas.ForStoreRoot(otherRoot.Path, s_base, _clock).Validate(uri, "GET"));
        Assert.Equal(LocalBlobSas.KeyLength, new FileInfo(Path.Combine(_root.Path, "sas.key")).Length);
    }

    [Fact]
    public void BadKeysAndBaseUris_AreRejected()
    {
        File.WriteAllBytes(Path.Combine(_root.Path, "sas.key"), new byte[7]);

        Assert.Throws<InvalidDataException>(() => LocalBlobSas.ForStoreRoot(_root.Path, s_base));
        Assert.Throws<ArgumentException>(() => new LocalBlobSas(new byte[16], s_base));
        Assert.Throws<ArgumentException>(() => new LocalBlobSas(new byte[32], new Uri("http://h/x?y=1")));
        Assert.Throws<ArgumentException>(() => new LocalBlobSas(new byte[32], s_base).CreateUri("c-1", "b", BlobSasPermissions.None, _clock.GetUtcNow()));
    }

    [Fact]
    public void PathTraversal_InTheRequestIsRefused()
    {
        var sas = new LocalBlobSas(new byte[32], s_base, _clock);

        Assert.Throws<SasAuthorizationException>(() => sas.Validate(new Uri("http://127.0.0.1:7071/api/blobs/c-1/%2E%2E/secret?sv=iced-local-1&sp=r&se=2030-01-01T00:00:00Z&sig=x"), "GET"));
        Assert.Throws<SasAuthorizationException>(() => sas.Validate(new Uri("http://127.0.0.1:7071/api/blobs/NotAContainer/b?sv=iced-local-1&sp=r&se=2030-01-01T00:00:00Z&sig=x"), "GET"));
        Assert.Throws<SasAuthorizationException>(() => sas.Validate(new Uri("http://127.0.0.1:7071/api/blobs/c-1?sv=iced-local-1"), "GET"));
    }
}
