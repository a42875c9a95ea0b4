using System.Globalization;

namespace IcedServerless.Cli.Rendering;

/// <summary>Human-readable sizes and durations for tables.</summary>
internal static class Sizes
{
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KiB",
        < 1024L * 1024 * 1024 => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / 1073741824.0).ToString("F2", CultureInfo.InvariantCulture) + " GiB",
    };

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    public static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";
}
