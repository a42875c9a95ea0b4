using System.Text.Json;
using IcedServerless.Functions.HostProtocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace IcedServerless.Functions.Local;

/// <summary>
/// Reads <c>local.settings.json</c> as Core Tools does for a local run: its <c>Values</c> become app settings, with
/// <c>__</c> in a name meaning a configuration section (as in environment variables). A missing file adds nothing.
/// </summary>
public static class LocalSettingsFile
{
    /// <summary>The file name Core Tools uses.</summary>
    public const string FileName = "local.settings.json";

    /// <summary>The file's values as a configuration source.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The source (empty when the file does not exist).</returns>
    /// <exception cref="FormatException">The file exists but is not JSON with string <c>Values</c>.</exception>
    public static IConfigurationSource Source(string path) => new MemoryConfigurationSource { InitialData = Read(path) };

    /// <summary>Reads the values.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Configuration keys (with ':' for '__') and values.</returns>
    /// <exception cref="FormatException">The file exists but is not JSON with string <c>Values</c>.</exception>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return result;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var values = HostPayload.Member(document.RootElement, "Values");
            if (values.ValueKind == JsonValueKind.Object)
            {
                foreach (var setting in values.EnumerateObject())
                {
                    result[setting.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = setting.Value.ValueKind switch
                    {
                        JsonValueKind.String => setting.Value.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => setting.Value.GetRawText(),
                        _ => throw new FormatException($"{path}: Values.{setting.Name} must be a string, number or boolean."),
                    };
                }
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not valid JSON: {e.Message}", e);
        }

        return result;
    }
}
