using System.Globalization;
using System.Net;
using IcedServerless.Storage.Blobs;

namespace IcedServerless.Storage.Queues;

/// <summary>
/// <see cref="IQueueStore"/> over the Azure Queue REST protocol (Azure and Azurite). Thread-safe; reuse one per
/// account. Message text is base64 of the body, as the Functions queue trigger expects by default.
/// </summary>
/// <remarks>
/// Put Message is retried on transient failures like every other call, so a message can (rarely) be enqueued
/// twice; consumers must be idempotent anyway, since delivery is at-least-once.
/// </remarks>
public sealed class AzureQueueStore : IQueueStore, IDisposable
{
    private readonly StoragePipeline _pipeline;
    // The endpoint as text without a trailing '/': Uri.ToString() adds one to a bare host, which would double it.
    private readonly string _endpoint;

    /// <summary>Creates the store.</summary>
    /// <param name="connection">Account, endpoint and credentials; must have a queue endpoint.</param>
    /// <param name="options">Retry settings; <see langword="null"/> for defaults.</param>
    /// <param name="httpClient">An HttpClient to use; <see langword="null"/> to own one. A supplied client is not disposed.</param>
    /// <exception cref="ArgumentException">The connection has no queue endpoint.</exception>
    public AzureQueueStore(StorageConnection connection, StorageClientOptions? options = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _endpoint = (connection.QueueEndpoint
            ?? throw new ArgumentException("The storage connection has no queue endpoint.", nameof(connection))).AbsoluteUri.TrimEnd('/');
        options ??= new StorageClientOptions();
        _pipeline = new StoragePipeline(httpClient, RequestAuthorizer.For(connection, options.TimeProvider), options);
    }

    /// <inheritdoc />
    public async Task<bool> CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken = default)
    {
        // 201 when created, 204 when it already exists with the same (empty) metadata.
        using var response = await _pipeline.SendCheckedAsync(
            new StorageRequest(HttpMethod.Put, QueueUri(queue), "Create Queue", queue), cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Created;
    }

    /// <inheritdoc />
    public async Task<SendReceipt> SendMessageAsync(
        string queue, ReadOnlyMemory<byte> body, QueueSendOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageValidation.MessageBody(body, nameof(body));
        var delay = options?.VisibilityDelay is { } d ? StorageValidation.VisibilitySeconds(d, 0, nameof(options)) : 0;
        var ttl = StorageValidation.TimeToLiveSeconds(options?.TimeToLive, nameof(options));
        var request = new StorageRequest(HttpMethod.Post, new Uri($"{QueueUri(queue)}/messages"), "Put Message", queue)
            .Query("visibilitytimeout", delay.ToString(CultureInfo.InvariantCulture))
            .Query("messagettl", ttl.ToString(CultureInfo.InvariantCulture))
            .Xml(QueueXml.MessageBody(body));
        using var response = await _pipeline.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        var m = QueueXml.Messages(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Single();
        return new SendReceipt(
            QueueXml.Text(m, "MessageId"), QueueXml.Text(m, "PopReceipt"), QueueXml.Time(m, "InsertionTime"),
            QueueXml.Time(m, "ExpirationTime"), QueueXml.Time(m, "TimeNextVisible"));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        StorageValidation.MessageCount(maxMessages, nameof(maxMessages));
        var seconds = StorageValidation.VisibilitySeconds(visibilityTimeout, 1, nameof(visibilityTimeout));
        var request = new StorageRequest(HttpMethod.Get, new Uri($"{QueueUri(queue)}/messages"), "Get Messages", queue)
            .Query("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture))
            .Query("visibilitytimeout", seconds.ToString(CultureInfo.InvariantCulture));
        using var response = await _pipeline.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        var xml = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return QueueXml.Messages(xml).Select(QueueXml.Received).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PeekedQueueMessage>> PeekMessagesAsync(
        string queue, int maxMessages, CancellationToken cancellationToken = default)
    {
        StorageValidation.MessageCount(maxMessages, nameof(maxMessages));
        var request = new StorageRequest(HttpMethod.Get, new Uri($"{QueueUri(queue)}/messages"), "Peek Messages", queue)
            .Query("peekonly", "true")
            .Query("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        using var response = await _pipeline.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        var xml = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return QueueXml.Messages(xml).Select(QueueXml.Peeked).ToList();
    }

    /// <inheritdoc />
    public async Task<UpdateReceipt> UpdateMessageAsync(
        string queue, string messageId, string popReceipt, TimeSpan visibilityTimeout, ReadOnlyMemory<byte>? newBody = null,
        CancellationToken cancellationToken = default)
    {
        var seconds = StorageValidation.VisibilitySeconds(visibilityTimeout, 0, nameof(visibilityTimeout));
        var request = MessageRequest(HttpMethod.Put, queue, messageId, popReceipt, "Update Message")
            .Query("visibilitytimeout", seconds.ToString(CultureInfo.InvariantCulture));
        if (newBody is { } body)
        {
            StorageValidation.MessageBody(body, nameof(newBody));
            request.Xml(QueueXml.MessageBody(body));
        }

        using var response = await _pipeline.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        return new UpdateReceipt(
            StorageErrors.Header(response, "x-ms-popreceipt") ?? throw new StorageException(0, null, "Update Message answered without a pop receipt."),
            BlobHttp.ParseHttpDate(StorageErrors.Header(response, "x-ms-time-next-visible") ?? throw new StorageException(0, null, "Update Message answered without x-ms-time-next-visible.")));
    }

    /// <inheritdoc />
    public async Task DeleteMessageAsync(string queue, string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendCheckedAsync(
            MessageRequest(HttpMethod.Delete, queue, messageId, popReceipt, "Delete Message"), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> GetApproximateMessageCountAsync(string queue, CancellationToken cancellationToken = default)
    {
        var request = new StorageRequest(HttpMethod.Get, QueueUri(queue), "Get Queue Metadata", queue).Query("comp", "metadata");
        using var response = await _pipeline.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        var count = StorageErrors.Header(response, "x-ms-approximate-messages-count");
        return long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new StorageException((int)response.StatusCode, null, $"Get Queue Metadata '{queue}' answered without a message count.");
    }

    /// <inheritdoc />
    public void Dispose() => _pipeline.Dispose();

    private StorageRequest MessageRequest(HttpMethod method, string queue, string messageId, string popReceipt, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        return new StorageRequest(method, new Uri($"{QueueUri(queue)}/messages/{Uri.EscapeDataString(messageId)}"), operation, $"{queue}/{messageId}")
            .Query("popreceipt", popReceipt);
    }

    private Uri QueueUri(string queue)
    {
        StorageValidation.ResourceName(queue, "queue", nameof(queue));
        return new Uri($"{_endpoint}/{queue}");
    }
}
