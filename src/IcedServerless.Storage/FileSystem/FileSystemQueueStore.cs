using System.Security.Cryptography;
using System.Text.Json;

namespace IcedServerless.Storage.FileSystem;

/// <summary>
/// The embedded <see cref="IQueueStore"/>: each queue is a directory under <c>&lt;root&gt;/queues</c>, each message a
/// small JSON file whose name carries its next-visible time (see <see cref="QueueFileNames"/>). Receive, update
/// and delete run under a per-queue file lock, so concurrent consumers — threads or processes — never receive
/// the same visible message twice; every change is a write to a temporary file plus atomic renames, so a crash
/// can at worst make a message visible early (at-least-once, as on Azure), never lose or duplicate it.
/// </summary>
public sealed partial class FileSystemQueueStore : IQueueStore
{
    private const string LockFile = ".lock";
    private readonly string _queuesRoot;
    private readonly TimeProvider _time;

    /// <summary>Opens (creating if needed) a store under <paramref name="rootPath"/>.</summary>
    /// <param name="rootPath">The store root, shared with <see cref="FileSystemBlobStore"/> if desired.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public FileSystemQueueStore(string rootPath, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootPath);
        RootPath = Path.GetFullPath(rootPath);
        _queuesRoot = Path.Combine(RootPath, "queues");
        Directory.CreateDirectory(_queuesRoot);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The store root.</summary>
    public string RootPath { get; }

    /// <inheritdoc />
    public Task<bool> CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken = default)
    {
        StorageValidation.ResourceName(queue, "queue", nameof(queue));
        return Task.FromResult(AtomicFile.CreateDirectory(Path.Combine(_queuesRoot, queue)));
    }

    /// <inheritdoc />
    public Task<SendReceipt> SendMessageAsync(
        string queue, ReadOnlyMemory<byte> body, QueueSendOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageValidation.MessageBody(body, nameof(body));
        var delay = options?.VisibilityDelay is { } d ? StorageValidation.VisibilitySeconds(d, 0, nameof(options)) : 0;
        var ttl = StorageValidation.TimeToLiveSeconds(options?.TimeToLive, nameof(options));
        var directory = QueueDirectory(queue);
        var now = _time.GetUtcNow();
        var record = new QueueMessageRecord(
            Guid.NewGuid().ToString("D"), Convert.ToBase64String(body.Span), now,
            ttl < 0 ? DateTimeOffset.MaxValue : now.AddSeconds(ttl), now.AddSeconds(delay), 0, NewPopReceipt());

        // A fresh id makes a fresh file name: no lock needed, the rename publishes the message atomically.
        Write(directory, record, QueueFileNames.For(record.NextVisibleOn, record.Id));
        return Task.FromResult(new SendReceipt(record.Id, record.PopReceipt, record.InsertedOn, record.ExpiresOn, record.NextVisibleOn));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        StorageValidation.MessageCount(maxMessages, nameof(maxMessages));
        var seconds = StorageValidation.VisibilitySeconds(visibilityTimeout, 1, nameof(visibilityTimeout));
        var directory = QueueDirectory(queue);
        var received = new List<QueueMessage>(maxMessages);
        using (await LockAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            var now = _time.GetUtcNow();
            foreach (var (fileName, _) in VisibleFiles(directory, now))
            {
                if (received.Count == maxMessages)
                {
                    break;
                }

                if (ReadLive(directory, fileName, now) is not { } record)
                {
                    continue;
                }

                var updated = record with { DequeueCount = record.DequeueCount + 1, PopReceipt = NewPopReceipt(), NextVisibleOn = now.AddSeconds(seconds) };
                Replace(directory, fileName, updated);
                received.Add(ToMessage(updated));
            }
        }

        return received;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PeekedQueueMessage>> PeekMessagesAsync(string queue, int maxMessages, CancellationToken cancellationToken = default)
    {
        StorageValidation.MessageCount(maxMessages, nameof(maxMessages));
        var directory = QueueDirectory(queue);
        var now = _time.GetUtcNow();
        var peeked = new List<PeekedQueueMessage>(maxMessages);
        foreach (var (fileName, _) in VisibleFiles(directory, now))
        {
            if (peeked.Count == maxMessages)
            {
                break;
            }

            // No lock: a file renamed away meanwhile reads as missing and is skipped.
            if (Read(directory, fileName) is { } record && record.ExpiresOn > now)
            {
                peeked.Add(ToPeeked(record));
            }
        }

        return Task.FromResult<IReadOnlyList<PeekedQueueMessage>>(peeked);
    }

    /// <inheritdoc />
    public Task<long> GetApproximateMessageCountAsync(string queue, CancellationToken cancellationToken = default)
    {
        var directory = QueueDirectory(queue);
        long count = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*" + QueueFileNames.Suffix))
        {
            count += QueueFileNames.TryParse(Path.GetFileName(path), out _, out _) ? 1 : 0;
        }

        return Task.FromResult(count);
    }

    private string QueueDirectory(string queue)
    {
        StorageValidation.ResourceName(queue, "queue", nameof(queue));
        var directory = Path.Combine(_queuesRoot, queue);
        return Directory.Exists(directory)
            ? directory
            : throw new StorageNotFoundException(StorageErrorCodes.QueueNotFound, $"Queue '{queue}' does not exist.");
    }

    private static Task<FileLock> LockAsync(string directory, CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(Path.Combine(directory, LockFile), cancellationToken);

    /// <summary>Message files visible at <paramref name="now"/>, in delivery order.</summary>
    private static IEnumerable<(string FileName, string Id)> VisibleFiles(string directory, DateTimeOffset now)
    {
        var visible = new List<(string, string)>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + QueueFileNames.Suffix))
        {
            var name = Path.GetFileName(path);
            if (QueueFileNames.TryParse(name, out var ticks, out var id) && ticks <= now.UtcTicks)
            {
                visible.Add((name, id));
            }
        }

        visible.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return visible;
    }

    /// <summary>Reads a message, deleting it instead if it has expired (callers hold the lock).</summary>
    private static QueueMessageRecord? ReadLive(string directory, string fileName, DateTimeOffset now)
    {
        var record = Read(directory, fileName);
        if (record is not null && record.ExpiresOn <= now)
        {
            File.Delete(Path.Combine(directory, fileName));
            return null;
        }

        return record;
    }

    private static QueueMessageRecord? Read(string directory, string fileName)
    {
        var bytes = AtomicFile.TryRead(Path.Combine(directory, fileName));
        return bytes is null ? null : JsonSerializer.Deserialize(bytes, FileStoreJson.Default.QueueMessageRecord);
    }

    private static void Write(string directory, QueueMessageRecord record, string fileName) =>
        AtomicFile.Write(Path.Combine(directory, fileName), JsonSerializer.SerializeToUtf8Bytes(record, FileStoreJson.Default.QueueMessageRecord), overwrite: true);

    /// <summary>
    /// Rewrites a message in place, then renames it to its new visibility. A crash between the two steps leaves
    /// the new content under the old (earlier) visibility: an early redelivery, never a lost or doubled message.
    /// </summary>
    private static void Replace(string directory, string fileName, QueueMessageRecord updated)
    {
        Write(directory, updated, fileName);
        var target = QueueFileNames.For(updated.NextVisibleOn, updated.Id);
        if (target != fileName)
        {
            File.Move(Path.Combine(directory, fileName), Path.Combine(directory, target), overwrite: true);
        }
    }

    private static string NewPopReceipt() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));

    private static PeekedQueueMessage ToPeeked(QueueMessageRecord r) => new()
    {
        MessageId = r.Id, MessageText = r.Text, DequeueCount = r.DequeueCount, InsertedOn = r.InsertedOn, ExpiresOn = r.ExpiresOn,
    };

    private static QueueMessage ToMessage(QueueMessageRecord r) => new(ToPeeked(r), r.PopReceipt, r.NextVisibleOn);
}
