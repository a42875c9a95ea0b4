using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IcedServerless.Storage.Tests.Infrastructure;

/// <summary>
/// A second Azurite, over HTTPS with <c>--oauth basic</c>: the only mode in which it accepts bearer tokens and
/// issues user-delegation keys. The certificate is made here, self-signed for 127.0.0.1, and trusted only by
/// the HttpClient the tests hand to the stores (pinned by thumbprint).
/// </summary>
public sealed class OAuthAzuriteFixture : IAsyncLifetime
{
    private readonly TempDirectory _certificates = new();
    private AzuriteProcess? _azurite;
    private string _thumbprint = string.Empty;

    public Uri BlobEndpoint => new($"https://127.0.0.1:{_azurite!.BlobPort}/devstoreaccount1");

    public Uri QueueEndpoint => new($"https://127.0.0.1:{_azurite!.QueuePort}/devstoreaccount1");

    /// <summary>An HttpClient that trusts exactly this fixture's certificate.</summary>
    public HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(), _thumbprint, StringComparison.OrdinalIgnoreCase),
        },
    });

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _thumbprint = certificate.GetCertHashString();
        var certPath = Path.Combine(_certificates.Path, "cert.pem");
        var keyPath = Path.Combine(_certificates.Path, "key.pem");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        _azurite = await AzuriteProcess.StartAsync(["--cert", certPath, "--key", keyPath, "--oauth", "basic"], https: true);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _certificates.Dispose();
    }
}
