namespace IcedServerless.Storage.FileSystem;

/// <summary>
/// Crash-safe file writes: the bytes go to a temporary file in the same directory, are flushed to disk, and the
/// file is renamed into place. A rename is atomic, so readers see the old file or the new one, never a torn one.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The prefix of temporary files; encoded names never start with '.', so they cannot collide.</summary>
    public const string TempPrefix = ".tmp-";

    /// <summary>A fresh temporary path beside <paramref name="directory"/>'s entries.</summary>
    public static string TempPath(string directory) => Path.Combine(directory, TempPrefix + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The destination.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="overwrite">Replace an existing file; otherwise fail if one exists.</param>
    /// <returns><see langword="false"/> when <paramref name="overwrite"/> is off and the file already existed.</returns>
    public static bool Write(string path, ReadOnlySpan<byte> bytes, bool overwrite)
    {
        var temp = TempPath(Path.GetDirectoryName(path)!);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            return Move(temp, path, overwrite);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Renames; without overwrite, returns <see langword="false"/> if the destination exists (atomic check).</summary>
    public static bool Move(string source, string destination, bool overwrite)
    {
        try
        {
            File.Move(source, destination, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(destination))
        {
            return false;
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> (a container or queue) unless it exists. The directory is built aside and
    /// renamed in, so of several concurrent creators exactly one reports "created". An existing one is swept of
    /// temporaries a crash may have left.
    /// </summary>
    /// <returns><see langword="true"/> when this call created it.</returns>
    public static bool CreateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            SweepTemporaries(path);
            return false;
        }

        var temp = TempPath(Path.GetDirectoryName(path)!);
        Directory.CreateDirectory(temp);
        try
        {
            Directory.Move(temp, path);
            return true;
        }
        catch (IOException) when (Directory.Exists(path))
        {
            Directory.Delete(temp);
            return false;
        }
    }

    /// <summary>Deletes temporary files older than an hour (left by a crash between write and rename).</summary>
    public static void SweepTemporaries(string directory)
    {
        var cutoff = DateTime.UtcNow.AddHours(-1);
        foreach (var temp in Directory.EnumerateFiles(directory, TempPrefix + "*"))
        {
            if (File.GetLastWriteTimeUtc(temp) < cutoff)
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Reads a file, or returns <see langword="null"/> if it does not exist (it may vanish concurrently).</summary>
    public static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
