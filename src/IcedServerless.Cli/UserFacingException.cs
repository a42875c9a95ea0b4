namespace IcedServerless.Cli;

/// <summary>A mistake the user can fix (bad path, wrong file, bad option): shown as a message, exit code 2.</summary>
/// <param name="message">What went wrong and how to fix it.</param>
/// <param name="innerException">The underlying failure, shown only with <c>--verbose</c>.</param>
internal sealed class UserFacingException(string message, Exception? innerException = null) : Exception(message, innerException);
