using System.Net.Http.Headers;

namespace IcedServerless.Storage.Tests.Auth;

/// <summary>
/// The SharedKey string to sign against the strings observed with Azurite (research brief §2.2), and the
/// signature against openssl's HMAC-SHA256 of the same string with the Azurite key.
/// </summary>
public sealed class SharedKeySignerTests
{
    private const string Date = "Sun, 22 Nov 2026 02:00:15 GMT";

    [Fact]
    public void PutBlob_MatchesTheObservedStringToSignAndOpensslSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/images/client1/img-001.bin")
        {
            Content = new ByteArrayContent(new byte[3000]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        request.Headers.TryAddWithoutValidation("x-ms-version", "2025-11-05");
        request.Headers.TryAddWithoutValidation("x-ms-meta-clientid", "client1");
        request.Headers.TryAddWithoutValidation("x-ms-date", Date);
        request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");

        var stringToSign = SharedKeySigner.StringToSign(request, "devstoreaccount1");

        Assert.Equal(
            "PUT\n\n\n3000\n\napplication/octet-stream\n\n\n\n*\n\n\nx-ms-blob-type:BlockBlob\nx-ms-date:" + Date
            + "\nx-ms-meta-clientid:client1\nx-ms-version:2025-11-05\n/devstoreaccount1/devstoreaccount1/images/client1/img-001.bin",
            stringToSign);
        Assert.Equal("09lAPBt5agXXLiWpHy3/hJXkQK06Lm+G92MsAOE7jeU=", SharedKeySigner.Sign(stringToSign, DevKey));
    }

    [Fact]
    public void GetMessages_SortsQueryParametersAndLeavesElevenEmptyLines()
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get, "http://127.0.0.1:10001/devstoreaccount1/classify-requests/messages?visibilitytimeout=600&numofmessages=16");
        request.Headers.TryAddWithoutValidation("x-ms-date", Date);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2025-11-05");

        var stringToSign = SharedKeySigner.StringToSign(request, "devstoreaccount1");

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:" + Date
            + "\nx-ms-version:2025-11-05\n/devstoreaccount1/devstoreaccount1/classify-requests/messages\nnumofmessages:16\nvisibilitytimeout:600",
            stringToSign);
        Assert.Equal("/PA4PoVCRFpMzxPUE2yHBjZIM1EOGx+aAC1tzRkGTYA=", SharedKeySigner.Sign(stringToSign, DevKey));
    }

    [Fact]
    public void EmptyPut_SignsAnEmptyContentLengthLine_AndDecodesQueryValues()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://acct.blob.core.windows.net/c/b%20c?comp=block&blockid=QUJD%2B%2F%3D%3D")
        {
            Content = new ByteArrayContent([]),
        };
        request.Headers.TryAddWithoutValidation("x-ms-date", Date);

        var lines = SharedKeySigner.StringToSign(request, "acct").Split('\n');

        Assert.Equal("PUT", lines[0]);
        Assert.Equal(string.Empty, lines[3]);
        Assert.Equal("/acct/c/b%20c", lines[13]);
        Assert.Equal("blockid:QUJD+/==", lines[14]);
        Assert.Equal("comp:block", lines[15]);
    }

    private static byte[] DevKey => Convert.FromBase64String(StorageConnection.DevelopmentAccountKey);
}
