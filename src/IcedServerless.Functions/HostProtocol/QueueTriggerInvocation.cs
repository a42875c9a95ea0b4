namespace IcedServerless.Functions.HostProtocol;

/// <summary>A queue-triggered invocation: the message bytes and the trigger metadata the host sends.</summary>
/// <param name="Body">The message body (base64-decoded by the host's queue extension).</param>
/// <param name="MessageId">The message id (<c>Metadata.Id</c>).</param>
/// <param name="DequeueCount">How many times it was delivered, 1 the first time.</param>
/// <param name="InsertedOn">When it was enqueued, if the host said.</param>
/// <param name="InvocationId">The host's invocation id header.</param>
public sealed record QueueTriggerInvocation(byte[] Body, string? MessageId, long DequeueCount, DateTimeOffset? InsertedOn, string? InvocationId);
