namespace IcedServerless.Storage.FileSystem;

public sealed partial class FileSystemQueueStore
{
    /// <inheritdoc />
    public async Task<UpdateReceipt> UpdateMessageAsync(
        string queue, string messageId, string popReceipt, TimeSpan visibilityTimeout, ReadOnlyMemory<byte>? newBody = null,
        CancellationToken cancellationToken = default)
    {
        var seconds = StorageValidation.VisibilitySeconds(visibilityTimeout, 0, nameof(visibilityTimeout));
        if (newBody is { } body)
        {
            StorageValidation.MessageBody(body, nameof(newBody));
        }

        var directory = QueueDirectory(queue);
        using (await LockAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            var now = _time.GetUtcNow();
            var (fileName, record) = FindForChange(directory, queue, messageId, popReceipt, now, "Update Message");
            var updated = record with
            {
                PopReceipt = NewPopReceipt(),
                NextVisibleOn = now.AddSeconds(seconds),
                Text = newBody is { } b ? Convert.ToBase64String(b.Span) : record.Text,
            };
            Replace(directory, fileName, updated);
            return new UpdateReceipt(updated.PopReceipt, updated.NextVisibleOn);
        }
    }

    /// <inheritdoc />
    public async Task DeleteMessageAsync(string queue, string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        var directory = QueueDirectory(queue);
        using (await LockAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            var (fileName, _) = FindForChange(directory, queue, messageId, popReceipt, _time.GetUtcNow(), "Delete Message");
            File.Delete(Path.Combine(directory, fileName));
        }
    }

    /// <summary>The message's file and content, checked against the pop receipt (callers hold the lock).</summary>
    private static (string FileName, QueueMessageRecord Record) FindForChange(
        string directory, string queue, string messageId, string popReceipt, DateTimeOffset now, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var resource = $"{queue}/{messageId}";

        // Ids are GUIDs; anything else cannot name a file here (and must not reach a file-name pattern).
        var record = Guid.TryParseExact(messageId, "D", out _) ? Find(directory, messageId, now) : default;
        if (record.Record is null)
        {
            throw new StorageNotFoundException(
                StorageErrorCodes.MessageNotFound, $"{operation} '{resource}' failed: 404 {StorageErrorCodes.MessageNotFound}: the message does not exist.");
        }

        if (!string.Equals(record.Record.PopReceipt, popReceipt, StringComparison.Ordinal))
        {
            throw new PopReceiptMismatchException(
                $"{operation} '{resource}' failed: 400 {StorageErrorCodes.PopReceiptMismatch}: the pop receipt is not the message's latest.");
        }

        return (record.FileName, record.Record);
    }

    private static (string FileName, QueueMessageRecord? Record) Find(string directory, string messageId, DateTimeOffset now)
    {
        foreach (var path in Directory.EnumerateFiles(directory, "*-" + messageId + QueueFileNames.Suffix))
        {
            var fileName = Path.GetFileName(path);
            if (ReadLive(directory, fileName, now) is { } record)
            {
                return (fileName, record);
            }
        }

        return (string.Empty, null);
    }
}
