namespace IcedServerless.Storage.FileSystem;

/// <summary>
/// An exclusive lock on a file, held across threads and processes: .NET opens with <see cref="FileShare.None"/>
/// through <c>flock(LOCK_EX)</c> on Unix (a share mode on Windows), and every open is its own lock holder. The
/// kernel drops the lock when the holder dies, so a crash never leaves the store locked.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits until the lock at <paramref name="path"/> is free, then takes it.</summary>
    /// <exception cref="StorageException">Still held by someone else after 30 s (503 ServerBusy).</exception>
    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        var delay = 1;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline && !IsMissingDirectory(path))
            {
                // Held by another thread or process: back off briefly with jitter so waiters do not move in step.
                await Task.Delay(Random.Shared.Next(delay, delay * 2 + 1), cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 20);
            }
            catch (IOException e) when (!IsMissingDirectory(path))
            {
                throw new StorageException(503, "ServerBusy", $"Timed out after {s_timeout.TotalSeconds} s waiting for the lock '{path}'.", innerException: e);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static bool IsMissingDirectory(string path) => !Directory.Exists(Path.GetDirectoryName(path));
}
