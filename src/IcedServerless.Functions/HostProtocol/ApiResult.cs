namespace IcedServerless.Functions.HostProtocol;

/// <summary>What an HTTP function answers: a status, optional headers and a JSON body.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The body, serialized with the contract's JSON options; <see langword="null"/> for none.</param>
/// <param name="Headers">Extra headers (e.g. <c>Location</c>).</param>
public sealed record ApiResult(int Status, object? Body, IReadOnlyDictionary<string, string>? Headers = null);
