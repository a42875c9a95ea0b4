using System.Text.Json.Nodes;

namespace IcedServerless.Functions.Tests.Infrastructure;

/// <summary>Writes a copy of the app's host.json and function folders with changed queue settings, for fault tests.</summary>
internal static class HostJsonCopies
{
    public static void Write(string appRoot, Action<JsonObject> changeQueues)
    {
        var source = AppContext.BaseDirectory;
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "host.json")))!.AsObject();
        changeQueues(host["extensions"]!["queues"]!.AsObject());
        File.WriteAllText(Path.Combine(appRoot, "host.json"), host.ToJsonString());
        foreach (var functionJson in Directory.GetFiles(source, "function.json", SearchOption.AllDirectories))
        {
            var folder = Path.Combine(appRoot, Path.GetFileName(Path.GetDirectoryName(functionJson)!));
            Directory.CreateDirectory(folder);
            File.Copy(functionJson, Path.Combine(folder, "function.json"));
        }
    }
}
