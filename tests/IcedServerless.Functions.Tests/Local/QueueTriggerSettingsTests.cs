using System.Text.Json;
using IcedServerless.Functions.Local;

namespace IcedServerless.Functions.Tests.Local;

public sealed class QueueTriggerSettingsTests
{
    [Fact]
    public void FromHostJson_NoQueuesSection_UsesTheStorageExtensionDefaults()
    {
        var settings = QueueTriggerSettings.FromHostJson(JsonDocument.Parse("""{"version":"2.0"}""").RootElement, processorCount: 4);

        Assert.Equal(new QueueTriggerSettings(16, 32, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, "base64"), settings);
    }

    [Fact]
    public void FromHostJson_TimespansAsMillisecondsAndTooShortPolling_AreReadAsTheHostReadsThem()
    {
        var json = """{"extensions":{"queues":{"maxPollingInterval":20,"visibilityTimeout":1500,"messageEncoding":"None"}}}""";

        var settings = QueueTriggerSettings.FromHostJson(JsonDocument.Parse(json).RootElement, processorCount: 2);

        Assert.Equal(QueueTriggerSettings.MinPollingInterval, settings.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.VisibilityTimeout);
        Assert.Equal("none", settings.MessageEncoding);
    }

    [Theory]
    [InlineData("""{"batchSize":33}""", "batchSize")]
    [InlineData("""{"batchSize":"many"}""", "batchSize")]
    [InlineData("""{"maxDequeueCount":0}""", "maxDequeueCount")]
    [InlineData("""{"visibilityTimeout":"soon"}""", "visibilityTimeout")]
    [InlineData("""{"messageEncoding":"utf16"}""", "messageEncoding")]
    public void FromHostJson_InvalidValue_ThrowsFormatExceptionNamingIt(string queues, string name)
    {
        var json = $$$"""{"extensions":{"queues":{{{queues}}}}}""";

        var e = Assert.Throws<FormatException>(() => QueueTriggerSettings.FromHostJson(JsonDocument.Parse(json).RootElement));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PollingBackoff_DoublesFromTheMinimumUpToTheCeilingWithBoundedJitter_AndResets()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(700));
        double[] nominal = [100, 200, 400, 700, 700];

        foreach (var expected in nominal)
        {
            var wait = backoff.Next().TotalMilliseconds;
            Assert.InRange(wait, expected * 0.8, expected);
        }

        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 80, 100);
    }
}
