using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.Local;

/// <summary>
/// The Functions host's queue trigger, for local mode: polls one queue with the host.json settings and POSTs the
/// exact invocation payload the host would to this app's <c>/{FunctionName}</c>. It follows the storage queue
/// extension: fetch <c>batchSize</c> messages under a lease renewed while the function runs, fetch again once
/// in-flight messages drop to <c>newBatchThreshold</c>; on success delete; on failure hide the message for
/// <c>visibilityTimeout</c>, or at <c>maxDequeueCount</c> copy it to <c>{queue}-poison</c> and delete it (a
/// message already past the count goes there without an invocation); back off exponentially while the queue is
/// empty or storage is unreachable. On shutdown, messages it holds but has not settled are made visible again at
/// once rather than left hidden for the rest of their lease, so another worker (or the next <c>iced wait</c>) can
/// take them straight away.
/// </summary>
public sealed partial class LocalQueueListener : BackgroundService
{
    private readonly QueueTriggerBinding _binding;
    private readonly QueueTriggerSettings _settings;
    private readonly PipelineStorage _storage;
    private readonly LocalModeOptions _options;
    private readonly Func<Uri> _selfUri;
    private readonly Func<CancellationToken, Task> _ready;
    private readonly QueueWake _wake;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly CancellationToken _applicationStopping;
    private readonly SemaphoreSlim _settled = new(0);
    private readonly string? _poisonQueue;

    // How long releasing unsettled messages may hold up shutdown; past it they come back when their lease lapses.
    private static readonly TimeSpan s_releaseTimeout = TimeSpan.FromSeconds(5);
    private int _inFlight;

    /// <summary>Creates the listener.</summary>
    /// <param name="binding">The function and its queue trigger.</param>
    /// <param name="settings">The host.json queue settings.</param>
    /// <param name="storage">The queue store.</param>
    /// <param name="options">Local-mode settings (lease).</param>
    /// <param name="selfUri">This app's own loopback base URI, asked once the server listens.</param>
    /// <param name="ready">Completes when the app has started and storage is initialized.</param>
    /// <param name="wake">Notifications of messages enqueued by this process, which end a back-off early.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="applicationStopping">
    /// The app's <c>ApplicationStopping</c>. The web server stops before hosted services and drains in-flight
    /// requests first, and this listener's own invocations are such requests: stopping on this signal (rather than
    /// when the host reaches the listener) cancels them, so the drain ends at once and the messages are released.
    /// </param>
    public LocalQueueListener(
        QueueTriggerBinding binding, QueueTriggerSettings settings, PipelineStorage storage, LocalModeOptions options,
        Func<Uri> selfUri, Func<CancellationToken, Task> ready, QueueWake wake, ILogger<LocalQueueListener> logger,
        CancellationToken applicationStopping = default)
    {
        _applicationStopping = applicationStopping;
        _binding = binding;
        _settings = settings;
        _storage = storage;
        _options = options;
        _selfUri = selfUri;
        _ready = ready;
        _wake = wake;
        _logger = logger;

        // The host sends no timeout of its own below functionTimeout; invocations may run long.
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        // Queues already ending in -poison have no poison queue of their own (as with the host).
        _poisonQueue = binding.QueueName.EndsWith("-poison", StringComparison.Ordinal) ? null : binding.QueueName + "-poison";
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _http.Dispose();
        _settled.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _applicationStopping);
        await ListenAsync(stopping.Token).ConfigureAwait(false);
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _ready(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        LogListening(_binding.FunctionName, _binding.QueueName, _settings.BatchSize, _settings.NewBatchThreshold, _settings.MaxDequeueCount);
        var backoff = new PollingBackoff(_settings.MaxPollingInterval);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (Volatile.Read(ref _inFlight) > _settings.NewBatchThreshold)
            {
                await WaitAsync(_settled.WaitAsync(stoppingToken)).ConfigureAwait(false);
                continue;
            }

            IReadOnlyList<QueueMessage> messages;
            try
            {
                messages = await _storage.Queues.ReceiveMessagesAsync(_binding.QueueName, _settings.BatchSize, _options.LeaseVisibility, stoppingToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is StorageException or HttpRequestException && !stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(e, _binding.QueueName);
                await WaitAsync(_wake.DelayAsync(_binding.QueueName, backoff.Next(), stoppingToken)).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (messages.Count == 0)
            {
                await WaitAsync(_wake.DelayAsync(_binding.QueueName, backoff.Next(), stoppingToken)).ConfigureAwait(false);
                continue;
            }

            backoff.Reset();
            foreach (var message in messages)
            {
                Interlocked.Increment(ref _inFlight);
                running.Add(Task.Run(() => ProcessAsync(message, stoppingToken), CancellationToken.None));
            }
        }

        // On shutdown, in-flight invocations are cancelled and release their messages (see ProcessAsync).
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        var lease = new Lease(message.PopReceipt);
        try
        {
            await SettleAsync(message, lease, stoppingToken).ConfigureAwait(false);
            if (!lease.Settled && stoppingToken.IsCancellationRequested)
            {
                await ReleaseAsync(message, lease).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _settled.Release();
        }
    }

    /// <summary>Runs the function for one message and deletes, retries or poisons it; sets <see cref="Lease.Settled"/> when done.</summary>
    private async Task SettleAsync(QueueMessage message, Lease lease, CancellationToken stoppingToken)
    {
        try
        {
            if (_poisonQueue is not null && message.DequeueCount > _settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, message.PopReceipt, stoppingToken).ConfigureAwait(false);
                lease.Settled = true;
                return;
            }

            bool succeeded;
            using (var renewing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var renewal = RenewAsync(message, lease, renewing.Token);
                succeeded = await InvokeAsync(message, stoppingToken).ConfigureAwait(false);
                await renewing.CancelAsync().ConfigureAwait(false);
                await renewal.ConfigureAwait(false);
            }

            if (succeeded)
            {
                // Finished just as shutdown began: still delete it (briefly) rather than have it scored again.
                using var grace = new CancellationTokenSource(s_releaseTimeout);
                var token = stoppingToken.IsCancellationRequested ? grace.Token : stoppingToken;
                await _storage.Queues.DeleteMessageAsync(_binding.QueueName, message.MessageId, lease.PopReceipt, token).ConfigureAwait(false);
            }
            else if (stoppingToken.IsCancellationRequested)
            {
                // Cut short by shutdown, not failed: the caller releases it without counting a failure's back-off.
                return;
            }
            else if (_poisonQueue is not null && message.DequeueCount >= _settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, lease.PopReceipt, stoppingToken).ConfigureAwait(false);
            }
            else if (message.DequeueCount < _settings.MaxDequeueCount)
            {
                // (A poison queue's own message past the count stays hidden until its lease lapses, as with the host.)
                await _storage.Queues.UpdateMessageAsync(
                    _binding.QueueName, message.MessageId, lease.PopReceipt, _settings.VisibilityTimeout, cancellationToken: stoppingToken).ConfigureAwait(false);
            }

            lease.Settled = true;
        }
        catch (Exception e) when (e is StorageException or HttpRequestException or OperationCanceledException)
        {
            // The lease lapses and the message is delivered again: at-least-once, as with the host.
            if (!stoppingToken.IsCancellationRequested)
            {
                LogSettleFailed(e, message.MessageId);
            }
        }
    }

    /// <summary>POSTs the host's invocation payload; true on a 2xx answer.</summary>
    private async Task<bool> InvokeAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var invocationId = Guid.NewGuid().ToString("D");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_selfUri(), _binding.FunctionName))
        {
            Content = new StringContent(Payload(message), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(HostEndpoints.InvocationIdHeader, invocationId);
        request.Headers.Add("X-Azure-Functions-HostVersion", "local");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/local");
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogInvocationFailed(_binding.FunctionName, message.MessageId, message.DequeueCount, (int)response.StatusCode);
            }

            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException e)
        {
            LogInvocationError(e, _binding.FunctionName, message.MessageId);
            return false;
        }
    }

    /// <summary>The invocation payload, shaped as the host builds it (§1.4 of the protocol brief).</summary>
    internal string Payload(QueueMessage message)
    {
        var body = _settings.MessageEncoding == "base64" ? message.GetBody() : Encoding.UTF8.GetBytes(message.MessageText);
        JsonNode data = _binding.DataType == "binary"
            ? JsonValue.Create(Convert.ToBase64String(body))

            // dataType string: the host serializes the text once more, so the value is a JSON-encoded string.
            : JsonValue.Create(JsonSerializer.Serialize(Encoding.UTF8.GetString(body)));
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["Data"] = new JsonObject { [_binding.BindingName] = data },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = message.DequeueCount,
                ["ExpirationTime"] = Time(message.ExpiresOn),
                ["Id"] = message.MessageId,
                ["InsertionTime"] = Time(message.InsertedOn),
                ["NextVisibleTime"] = Time(message.NextVisibleOn),
                ["PopReceipt"] = message.PopReceipt,
                ["sys"] = new JsonObject
                {
                    ["MethodName"] = _binding.FunctionName,
                    ["UtcNow"] = Time(now),
                    ["RandGuid"] = Guid.NewGuid().ToString("D"),
                },
            },
        }.ToJsonString();

        static string Time(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
    }

    /// <summary>Keeps the message hidden while its function runs, renewing at half the lease.</summary>
    private async Task RenewAsync(QueueMessage message, Lease lease, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.LeaseVisibility / 2, cancellationToken).ConfigureAwait(false);
                var receipt = await _storage.Queues.UpdateMessageAsync(
                    _binding.QueueName, message.MessageId, lease.PopReceipt, _options.LeaseVisibility, cancellationToken: cancellationToken).ConfigureAwait(false);
                lease.PopReceipt = receipt.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
            // The function finished.
        }
        catch (StorageException e)
        {
            LogRenewFailed(e, message.MessageId);
        }
    }

    /// <summary>
    /// Makes a message this worker is giving up on visible again now (visibility 0 through its latest pop receipt)
    /// instead of hiding it for the rest of its lease. It still counts the delivery, as the host's would.
    /// </summary>
    private async Task ReleaseAsync(QueueMessage message, Lease lease)
    {
        using var timeout = new CancellationTokenSource(s_releaseTimeout);
        try
        {
            await _storage.Queues.UpdateMessageAsync(_binding.QueueName, message.MessageId, lease.PopReceipt, TimeSpan.Zero, cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            LogReleased(message.MessageId, _binding.QueueName);
        }
        catch (Exception e) when (e is StorageException or HttpRequestException or OperationCanceledException)
        {
            // Settled after all (deleted), or storage is gone: either way the lease decides, as before.
            LogReleaseFailed(e, message.MessageId);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        await _storage.Queues.CreateQueueIfNotExistsAsync(_poisonQueue!, cancellationToken).ConfigureAwait(false);
        await _storage.Queues.SendMessageAsync(_poisonQueue!, message.GetBody(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await _storage.Queues.DeleteMessageAsync(_binding.QueueName, message.MessageId, popReceipt, cancellationToken).ConfigureAwait(false);
        _wake.Notify(_poisonQueue!);
        LogPoisoned(message.MessageId, _binding.QueueName, message.DequeueCount, _poisonQueue!);
    }

    private static async Task WaitAsync(Task wait)
    {
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the listener.
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Local queue trigger: {Function} listens on {Queue} (batchSize {BatchSize}, newBatchThreshold {Threshold}, maxDequeueCount {MaxDequeueCount})")]
    private partial void LogListening(string function, string queue, int batchSize, int threshold, int maxDequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Queue} failed; backing off")]
    private partial void LogPollFailed(Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed for message {MessageId} (delivery {DequeueCount}): HTTP {Status}")]
    private partial void LogInvocationFailed(string function, string messageId, long dequeueCount, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} could not be invoked for message {MessageId}")]
    private partial void LogInvocationError(Exception exception, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling message {MessageId} failed; it will be delivered again")]
    private partial void LogSettleFailed(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of message {MessageId} failed")]
    private partial void LogRenewFailed(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} of {Queue} failed {DequeueCount} deliveries; moved to {PoisonQueue}")]
    private partial void LogPoisoned(string messageId, string queue, long dequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released message {MessageId} of {Queue} on shutdown; it is visible again")]
    private partial void LogReleased(string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing message {MessageId} on shutdown failed; it reappears when its lease lapses")]
    private partial void LogReleaseFailed(Exception exception, string messageId);

    /// <summary>The latest pop receipt of a message being processed (renewals replace it), and whether it was settled.</summary>
    private sealed class Lease(string popReceipt)
    {
        public string PopReceipt { get; set; } = popReceipt;

        public bool Settled { get; set; }
    }
}
