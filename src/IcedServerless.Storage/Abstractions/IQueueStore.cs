namespace IcedServerless.Storage;

/// <summary>
/// Message queues with Azure Storage Queue semantics: at-least-once delivery, visibility timeouts, pop receipts
/// and dequeue counts. Implemented by <see cref="Queues.AzureQueueStore"/> and
/// <see cref="FileSystem.FileSystemQueueStore"/>.
/// </summary>
/// <remarks>
/// Message bodies are bytes; on the wire they travel as base64 text, which is what the Functions queue trigger
/// expects with its default <c>messageEncoding: base64</c>. A body may be at most
/// <see cref="QueueLimits.MaxMessageBytes"/> bytes. Times are whole seconds, as the service keeps them.
/// </remarks>
public interface IQueueStore
{
    /// <summary>Creates the queue unless it exists.</summary>
    /// <param name="queue">Queue name (3–63 lowercase letters, digits and single hyphens).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when this call created it.</returns>
    Task<bool> CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>Appends a message.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="body">The message bytes (at most <see cref="QueueLimits.MaxMessageBytes"/>).</param>
    /// <param name="options">Initial invisibility and time to live; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new message's id, pop receipt and times.</returns>
    /// <exception cref="StorageNotFoundException">The queue does not exist.</exception>
    Task<SendReceipt> SendMessageAsync(
        string queue, ReadOnlyMemory<byte> body, QueueSendOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="maxMessages"/> visible messages, hides them for
    /// <paramref name="visibilityTimeout"/>, increments their dequeue counts and gives each a new pop receipt.
    /// </summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="maxMessages">1–32.</param>
    /// <param name="visibilityTimeout">1 second to 7 days.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The messages, possibly none.</returns>
    /// <exception cref="StorageNotFoundException">The queue does not exist.</exception>
    Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxMessages"/> visible messages without hiding them or counting a dequeue.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="maxMessages">1–32.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The messages, possibly none.</returns>
    /// <exception cref="StorageNotFoundException">The queue does not exist.</exception>
    Task<IReadOnlyList<PeekedQueueMessage>> PeekMessagesAsync(
        string queue, int maxMessages, CancellationToken cancellationToken = default);

    /// <summary>Changes a received message's visibility and, optionally, its body.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="popReceipt">The latest pop receipt for it.</param>
    /// <param name="visibilityTimeout">0 seconds to 7 days from now.</param>
    /// <param name="newBody">A replacement body, or <see langword="null"/> to keep it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new pop receipt (the old one stops working) and next-visible time.</returns>
    /// <exception cref="PopReceiptMismatchException">The pop receipt is stale.</exception>
    /// <exception cref="StorageNotFoundException">The queue or message does not exist.</exception>
    Task<UpdateReceipt> UpdateMessageAsync(
        string queue, string messageId, string popReceipt, TimeSpan visibilityTimeout,
        ReadOnlyMemory<byte>? newBody = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="popReceipt">The latest pop receipt for it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the message is gone.</returns>
    /// <exception cref="PopReceiptMismatchException">The pop receipt is stale.</exception>
    /// <exception cref="StorageNotFoundException">The queue or message does not exist.</exception>
    Task DeleteMessageAsync(string queue, string messageId, string popReceipt, CancellationToken cancellationToken = default);

    /// <summary>Counts the messages in the queue, visible or not (approximate on Azure).</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count.</returns>
    /// <exception cref="StorageNotFoundException">The queue does not exist.</exception>
    Task<long> GetApproximateMessageCountAsync(string queue, CancellationToken cancellationToken = default);
}
