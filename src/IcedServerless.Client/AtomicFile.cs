namespace IcedServerless.Client;

/// <summary>
/// Writes files so that readers see either the old or the new content, never a torn one: the bytes go to a temporary
/// file in the same folder, which is then renamed over the target.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Owner read and write only (0600).</summary>
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read, write and search only (0700).</summary>
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="directory"/> (and missing parents) owner-only where the platform has Unix modes.</summary>
    public static void CreateDirectory(string directory, bool ownerOnly)
    {
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
        else
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The target file (replaced if it exists).</param>
    /// <param name="data">The content.</param>
    /// <param name="ownerOnly">
    /// Create the file 0600 from the start (never briefly world-readable, unlike a chmod after writing).
    /// </param>
    /// <param name="cancellationToken">Cancels the write; the temporary file is removed.</param>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> data, bool ownerOnly, CancellationToken cancellationToken)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                // On disk before the rename, so a crash cannot leave the new name over empty content.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads a whole file after checking its length against <paramref name="maxBytes"/> (before allocating).</summary>
    /// <returns>The bytes, or null when the file is larger than the limit.</returns>
    public static async Task<byte[]?> ReadBoundedAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            if (stream.Length > maxBytes)
            {
                return null;
            }

            var data = new byte[stream.Length];
            await stream.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
            return data;
        }
    }
}
