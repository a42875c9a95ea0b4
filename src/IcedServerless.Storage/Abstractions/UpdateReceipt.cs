namespace IcedServerless.Storage;

/// <summary>The result of an update: the only pop receipt that still works, and the new visibility.</summary>
/// <param name="PopReceipt">The new pop receipt.</param>
/// <param name="NextVisibleOn">When the message becomes visible again.</param>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
