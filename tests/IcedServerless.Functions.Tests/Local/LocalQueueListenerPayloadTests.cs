using System.Text;
using System.Text.Json;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Local;
using IcedServerless.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcedServerless.Functions.Tests.Local;

/// <summary>The local dispatcher builds the payload the host builds, and the handler reads it back exactly.</summary>
public sealed class LocalQueueListenerPayloadTests
{
    private static readonly QueueMessage s_message = new()
    {
        MessageId = "0b6f0b5e-1111-4222-8333-444455556666",
        MessageText = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"jobId":"j","shard":1}""")),
        DequeueCount = 3,
        InsertedOn = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero),
        ExpiresOn = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero),
        PopReceipt = "receipt",
        NextVisibleOn = new DateTimeOffset(2026, 11, 22, 3, 10, 0, TimeSpan.Zero),
    };

    [Theory]
    [InlineData("binary")]
    [InlineData("string")]
    public void Payload_CarriesTheHostsMetadataAndRoundTripsTheBody(string dataType)
    {
        using var root = new TempDirectory();
        using var storage = new PipelineStorage(new StorageSettings { EmbeddedRoot = root.Path }, () => new Uri("http://127.0.0.1:1/"));
        using var listener = new LocalQueueListener(
            new QueueTriggerBinding(FunctionNames.ScoreShard, HostPayload.QueueBinding, FunctionNames.ShardQueue, dataType),
            new QueueTriggerSettings(1, 0, TimeSpan.FromSeconds(1), TimeSpan.Zero, 5, "base64"),
            storage, new LocalModeOptions(), () => new Uri("http://127.0.0.1:1/"), _ => Task.CompletedTask, new QueueWake(),
            NullLogger<LocalQueueListener>.Instance);

        using var payload = JsonDocument.Parse(listener.Payload(s_message));
        var metadata = payload.RootElement.GetProperty("Metadata");
        var invocation = HostPayload.ReadQueue(payload.RootElement, null);

        Assert.Equal(
            ["DequeueCount", "ExpirationTime", "Id", "InsertionTime", "NextVisibleTime", "PopReceipt", "sys"],
            metadata.EnumerateObject().Select(p => p.Name));
        Assert.Equal(FunctionNames.ScoreShard, metadata.GetProperty("sys").GetProperty("MethodName").GetString());
        Assert.Equal("""{"jobId":"j","shard":1}""", Encoding.UTF8.GetString(invocation.Body));
        Assert.Equal((3L, s_message.MessageId, s_message.InsertedOn), (invocation.DequeueCount, invocation.MessageId, invocation.InsertedOn));
    }
}
