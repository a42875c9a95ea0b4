namespace IcedServerless.Storage;

/// <summary>What enqueuing produced.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="PopReceipt">A receipt that allows deleting or updating the message before anyone receives it.</param>
/// <param name="InsertedOn">When it was enqueued.</param>
/// <param name="ExpiresOn">When it expires.</param>
/// <param name="NextVisibleOn">When it becomes visible.</param>
public sealed record SendReceipt(
    string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);
