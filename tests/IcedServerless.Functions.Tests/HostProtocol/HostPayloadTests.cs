using System.Text;
using System.Text.Json;
using IcedServerless.Functions.HostProtocol;

namespace IcedServerless.Functions.Tests.HostProtocol;

/// <summary>
/// Payloads shaped exactly as the Functions host builds them (HttpRequestExtensions.GetRequestAsJObject and
/// ScriptInvocationContextExtensions in azure-functions-host, as the protocol brief records): every variant of
/// Query, Body and queue data the host versions send is read the same way.
/// </summary>
public sealed class HostPayloadTests
{
    [Fact]
    public void ReadHttp_HostPayloadWithQueryAsJsonString_ReadsUrlMethodRouteAndBody()
    {
        const string payload = """
            {
              "Data": {
                "req": {
                  "Url": "https://iced.example.net/api/jobs/0123456789abcdef0123456789abcdef/submit?code=k1",
                  "Method": "POST",
                  "Query": "{\"code\":\"k1\"}",
                  "Headers": { "Content-Type": ["application/json"], "Host": ["iced.example.net"] },
                  "Params": { "jobId": "0123456789abcdef0123456789abcdef" },
                  "Identities": "[]",
                  "Body": "{\"x\":1}"
                }
              },
              "Metadata": { "sys": { "MethodName": "SubmitJob", "UtcNow": "2026-11-22T03:00:00Z", "RandGuid": "6f1c" } }
            }
            """;

        var request = HostPayload.ReadHttp(JsonDocument.Parse(payload).RootElement);

        Assert.Equal("POST", request.Method);
        Assert.Equal("https://iced.example.net/api/jobs/0123456789abcdef0123456789abcdef/submit?code=k1", request.Url.AbsoluteUri);
        Assert.Equal("0123456789abcdef0123456789abcdef", request.Route("JOBID"));
        Assert.Equal("{\"x\":1}", request.Body);
    }

    [Fact]
    public void ReadHttp_LowercaseMembersParamsAsStringAndNoBody_AreAccepted()
    {
        const string payload = """{"data":{"req":{"url":"http://localhost:7071/api/models","method":"get","params":"{\"a\":\"b\"}"}}}""";

        var request = HostPayload.ReadHttp(JsonDocument.Parse(payload).RootElement);

        Assert.Equal("GET", request.Method);
        Assert.Equal("b", request.Route("a"));
        Assert.Equal(string.Empty, request.Body);
    }

    [Theory]
    [InlineData("""{"Metadata":{}}""", "no Data.req")]
    [InlineData("""{"Data":{"req":{"Method":"GET"}}}""", "Url")]
    [InlineData("""{"Data":{"req":{"Url":"/relative","Method":"GET"}}}""", "Url")]
    [InlineData("""{"Data":{"req":"text"}}""", "must be an object")]
    [InlineData("""[1]""", "JSON object")]
    public void ReadHttp_MalformedPayload_ThrowsHostPayloadExceptionSayingWhat(string payload, string expected)
    {
        var e = Assert.Throws<HostPayloadException>(() => HostPayload.ReadHttp(JsonDocument.Parse(payload).RootElement));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> QueueDataForms => new()
    {
        // dataType binary: base64 of the message bytes.
        "\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"jobId":"j","shard":3}""")) + "\"",

        // dataType string: the text JSON-encoded once more.
        JsonSerializer.Serialize(JsonSerializer.Serialize("""{"jobId":"j","shard":3}""")),

        // The text itself, and a POCO binding's object.
        JsonSerializer.Serialize("""{"jobId":"j","shard":3}"""),
        """{"jobId":"j","shard":3}""",
    };

    [Theory]
    [MemberData(nameof(QueueDataForms))]
    public void ReadQueue_EveryEncodingTheHostUses_YieldsTheSameMessageBytes(string data)
    {
        var payload = $$"""
            {
              "Data": { "message": {{data}} },
              "Metadata": {
                "DequeueCount": 2,
                "ExpirationTime": "2026-11-29T03:00:00+00:00",
                "Id": "7d3a5b7e-0000-4000-8000-000000000001",
                "InsertionTime": "2026-11-22T03:00:00+00:00",
                "NextVisibleTime": "2026-11-22T03:10:00+00:00",
                "PopReceipt": "AgAAAAMAAAAAAAAA",
                "sys": { "MethodName": "ScoreShard", "UtcNow": "2026-11-22T03:00:01Z", "RandGuid": "x" }
              }
            }
            """;

        var invocation = HostPayload.ReadQueue(JsonDocument.Parse(payload).RootElement, "inv-1");

        Assert.Equal("""{"jobId":"j","shard":3}""", Encoding.UTF8.GetString(invocation.Body));
        Assert.Equal(2, invocation.DequeueCount);
        Assert.Equal("7d3a5b7e-0000-4000-8000-000000000001", invocation.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), invocation.InsertedOn);
        Assert.Equal("inv-1", invocation.InvocationId);
    }

    [Fact]
    public void ReadQueue_DequeueCountAsTextAndNoMetadata_DefaultsSensibly()
    {
        var withText = HostPayload.ReadQueue(JsonDocument.Parse("""{"Data":{"message":"e30="},"Metadata":{"DequeueCount":"4"}}""").RootElement, null);
        var bare = HostPayload.ReadQueue(JsonDocument.Parse("""{"Data":{"message":"e30="}}""").RootElement, null);

        Assert.Equal(4, withText.DequeueCount);
        Assert.Equal((1L, (DateTimeOffset?)null, "{}"), (bare.DequeueCount, bare.InsertedOn, Encoding.UTF8.GetString(bare.Body)));
    }

    [Fact]
    public void HostResponse_ForHttp_HasTheOutputBindingShapeTheHostDeserializes()
    {
        var json = HostResponse.ForHttp(
            new ApiResult(202, new { jobId = "j" }, new Dictionary<string, string> { ["Location"] = "https://x/api/jobs/j" }), ["line"]);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var res = root.GetProperty("Outputs").GetProperty("res");
        Assert.Equal("202", res.GetProperty("statusCode").GetString());
        Assert.Equal("https://x/api/jobs/j", res.GetProperty("headers").GetProperty("Location").GetString());
        Assert.StartsWith("application/json", res.GetProperty("headers").GetProperty("Content-Type").GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"jobId":"j"}""", res.GetProperty("body").GetString());
        Assert.Equal(["line"], root.GetProperty("Logs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public void HostResponse_ForQueue_HasEmptyOutputs()
    {
        using var document = JsonDocument.Parse(HostResponse.ForQueue(["done"]));

        Assert.Empty(document.RootElement.GetProperty("Outputs").EnumerateObject());
        Assert.Equal("done", document.RootElement.GetProperty("Logs")[0].GetString());
    }
}
