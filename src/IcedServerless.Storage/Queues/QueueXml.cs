using System.Globalization;
using System.Xml.Linq;
using IcedServerless.Storage.Blobs;

namespace IcedServerless.Storage.Queues;

/// <summary>Reads and writes the queue service's XML documents.</summary>
internal static class QueueXml
{
    /// <summary>The Put/Update Message body; base64 text is XML-safe, so it needs no escaping.</summary>
    public static string MessageBody(ReadOnlyMemory<byte> body) =>
        $"<QueueMessage><MessageText>{Convert.ToBase64String(body.Span)}</MessageText></QueueMessage>";

    /// <summary>The <c>QueueMessage</c> elements of a <c>QueueMessagesList</c>.</summary>
    public static IEnumerable<XElement> Messages(string xml) =>
        XDocument.Parse(xml).Root?.Elements("QueueMessage") ?? [];

    /// <summary>A required element's text.</summary>
    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new StorageException(0, null, $"Queue service answer lacks <{name}>.");

    /// <summary>A required RFC 1123 time element.</summary>
    public static DateTimeOffset Time(XElement message, string name) => BlobHttp.ParseHttpDate(Text(message, name));

    /// <summary>A peeked message.</summary>
    public static PeekedQueueMessage Peeked(XElement m) => new()
    {
        MessageId = Text(m, "MessageId"),
        MessageText = Text(m, "MessageText"),
        DequeueCount = long.Parse(Text(m, "DequeueCount"), CultureInfo.InvariantCulture),
        InsertedOn = Time(m, "InsertionTime"),
        ExpiresOn = Time(m, "ExpirationTime"),
    };

    /// <summary>A received message.</summary>
    public static QueueMessage Received(XElement m) => new(Peeked(m), Text(m, "PopReceipt"), Time(m, "TimeNextVisible"));
}
