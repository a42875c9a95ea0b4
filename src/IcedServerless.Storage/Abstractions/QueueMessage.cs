using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace IcedServerless.Storage;

/// <summary>A message as peeked: its content and times, without the right to change it.</summary>
public record PeekedQueueMessage
{
    /// <summary>The message id.</summary>
    public required string MessageId { get; init; }

    /// <summary>The text as stored: base64 of the body when written through <see cref="IQueueStore"/>.</summary>
    public required string MessageText { get; init; }

    /// <summary>How many times the message has been received (1 on the first delivery).</summary>
    public required long DequeueCount { get; init; }

    /// <summary>When the message was enqueued.</summary>
    public required DateTimeOffset InsertedOn { get; init; }

    /// <summary>When the message expires; <see cref="DateTimeOffset.MaxValue"/> for never.</summary>
    public required DateTimeOffset ExpiresOn { get; init; }

    /// <summary>Decodes the base64 text into the body bytes.</summary>
    /// <returns>The body.</returns>
    /// <exception cref="FormatException">The text is not base64 (the message was not written by this library).</exception>
    public byte[] GetBody()
    {
        try
        {
            return Convert.FromBase64String(MessageText);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Queue message {MessageId} is not base64 text; it was not written through IQueueStore.", e);
        }
    }

    /// <summary>Decodes the body as UTF-8 text.</summary>
    /// <returns>The text.</returns>
    /// <exception cref="FormatException">The text is not base64.</exception>
    public string GetBodyAsString() => Encoding.UTF8.GetString(GetBody());
}

/// <summary>A received message: it is invisible to others until <see cref="NextVisibleOn"/>.</summary>
public sealed record QueueMessage : PeekedQueueMessage
{
    /// <summary>Creates an empty message; set every required member.</summary>
    public QueueMessage()
    {
    }

    /// <summary>A received message from its peeked fields plus the delivery's receipt and visibility.</summary>
    /// <param name="peeked">The content, id, count and times.</param>
    /// <param name="popReceipt">The delivery's pop receipt.</param>
    /// <param name="nextVisibleOn">When the message becomes visible again.</param>
    [SetsRequiredMembers]
    public QueueMessage(PeekedQueueMessage peeked, string popReceipt, DateTimeOffset nextVisibleOn)
        : base(peeked)
    {
        PopReceipt = popReceipt;
        NextVisibleOn = nextVisibleOn;
    }

    /// <summary>The receipt that allows updating or deleting this delivery.</summary>
    public required string PopReceipt { get; init; }

    /// <summary>When the message becomes visible again unless deleted or updated.</summary>
    public required DateTimeOffset NextVisibleOn { get; init; }
}
