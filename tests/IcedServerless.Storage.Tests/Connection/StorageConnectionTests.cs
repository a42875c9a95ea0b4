using Azure.Core;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Connection;

public sealed class StorageConnectionTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void UseDevelopmentStorage_ExpandsToTheAzuriteAccountOnLoopback()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(StorageCredentialKind.SharedKey, connection.CredentialKind);
        Assert.Equal(Convert.FromBase64String(Key), connection.AccountKey.ToArray());
    }

    [Fact]
    public void AccountNameAndKey_DeriveHttpsEndpointsFromTheSuffix()
    {
        var connection = StorageConnection.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=icedprod;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn;");

        Assert.Equal(new Uri("https://icedprod.blob.core.chinacloudapi.cn"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://icedprod.queue.core.chinacloudapi.cn"), connection.QueueEndpoint);
        Assert.Equal("icedprod", connection.AccountName);
    }

    [Fact]
    public void ExplicitEndpoints_WinAndKeysAreCaseInsensitive()
    {
        var connection = StorageConnection.Parse(
            $"defaultendpointsprotocol=http;accountname=devstoreaccount1;ACCOUNTKEY={Key};BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1/;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1");

        Assert.Equal(new Uri("http://127.0.0.1:41000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), connection.QueueEndpoint);
    }

    [Fact]
    public void SharedAccessSignature_WithOnlyABlobEndpoint_InfersTheAccountFromTheHost()
    {
        var connection = StorageConnection.Parse("BlobEndpoint=https://icedprod.blob.core.windows.net;SharedAccessSignature=?sv=2025-11-05&sig=abc");

        Assert.Equal(StorageCredentialKind.SasToken, connection.CredentialKind);
        Assert.Equal("icedprod", connection.AccountName);
        Assert.Null(connection.QueueEndpoint);
        Assert.Equal("sv=2025-11-05&sig=abc", connection.SasToken);
    }

    [Theory]
    [InlineData("")]
    [InlineData(";;")]
    [InlineData("UseDevelopmentStorage=false")]
    [InlineData("UseDevelopmentStorage=true;AccountName=x")]
    [InlineData("AccountName=acct")]
    [InlineData("AccountName=acct;AccountKey=not*base64")]
    [InlineData("AccountName=acct;AccountKey=")]
    [InlineData("AccountName=acct;AccountName=other;AccountKey=" + Key)]
    [InlineData("AccountName=acct;Passw0rd=" + Key)]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";SharedAccessSignature=sv=1")]
    [InlineData("AccountKey=" + Key + ";BlobEndpoint=https://a.blob.core.windows.net")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=acct;AccountKey=" + Key)]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";BlobEndpoint=not a uri")]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";BlobEndpoint=https://a.blob.core.windows.net/?sv=1")]
    [InlineData("just some text")]
    public void MalformedStrings_ThrowFormatExceptionWithoutEchoingTheKey(string connectionString)
    {
        var e = Assert.Throws<FormatException>(() => StorageConnection.Parse(connectionString));

        Assert.DoesNotContain(Key, e.Message);
        Assert.DoesNotContain("Eby8vd", e.Message);
    }

    [Fact]
    public void ToString_NeverContainsTheKeyOrSas()
    {
        var keyed = StorageConnection.Parse($"AccountName=acct;AccountKey={Key}");
        var sas = StorageConnection.Parse("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=1&sig=SECRETSIG");

        Assert.DoesNotContain(Key, keyed.ToString());
        Assert.DoesNotContain("SECRETSIG", sas.ToString());
        Assert.Contains("acct", keyed.ToString());
    }

    [Fact]
    public void FromTokenCredential_BuildsPublicCloudEndpointsOrInfersPathStyleAccounts()
    {
        var credential = new StaticTokenCredential("token", DateTimeOffset.UtcNow.AddHours(1));

        var byName = StorageConnection.FromTokenCredential("icedprod", credential);
        var pathStyle = StorageConnection.FromTokenCredential(new Uri("https://127.0.0.1:10000/devstoreaccount1"), null, credential);

        Assert.Equal(new Uri("https://icedprod.blob.core.windows.net"), byName.BlobEndpoint);
        Assert.Equal(new Uri("https://icedprod.queue.core.windows.net"), byName.QueueEndpoint);
        Assert.Equal(StorageCredentialKind.Token, byName.CredentialKind);
        Assert.Equal("devstoreaccount1", pathStyle.AccountName);
        Assert.Throws<ArgumentException>(() => StorageConnection.FromTokenCredential(null, null, credential));
        Assert.Throws<ArgumentException>(() => StorageConnection.FromTokenCredential(new Uri("ftp://x/y"), null, credential));
    }

    [Fact]
    public void Stores_RefuseConnectionsWithoutTheirEndpoint()
    {
        var blobOnly = StorageConnection.Parse("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=1");

        Assert.Throws<ArgumentException>(() => new Queues.AzureQueueStore(blobOnly));
    }
}
