using System.Globalization;

namespace IcedServerless.Storage.FileSystem;

/// <summary>
/// Message files are named <c>{next-visible UTC ticks, 19 digits}-{id}.msg</c>: a sorted directory listing is the
/// delivery order, and visibility is known without opening a file.
/// </summary>
internal static class QueueFileNames
{
    /// <summary>The message file suffix.</summary>
    public const string Suffix = ".msg";

    /// <summary>The file name for a message id visible from <paramref name="nextVisible"/>.</summary>
    public static string For(DateTimeOffset nextVisible, string id) =>
        nextVisible.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + id + Suffix;

    /// <summary>Splits a file name; <see langword="false"/> for anything that is not a message file.</summary>
    public static bool TryParse(string fileName, out long visibleTicks, out string id)
    {
        visibleTicks = 0;
        id = string.Empty;
        if (fileName.Length < 21 || fileName[19] != '-' || !fileName.EndsWith(Suffix, StringComparison.Ordinal)
            || !long.TryParse(fileName.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out visibleTicks))
        {
            return false;
        }

        id = fileName[20..^Suffix.Length];
        return true;
    }
}
