using System.Text.Json;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Local;

namespace IcedServerless.Functions.Tests.Local;

/// <summary>
/// The app layout the Functions host reads (host.json and each function.json, copied next to the executable)
/// agrees with what the code routes, enqueues and listens to.
/// </summary>
public sealed class FunctionLayoutTests
{
    private static readonly string s_appRoot = AppContext.BaseDirectory;

    public static TheoryData<string, string, string> HttpFunctions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, method, route) in FunctionDispatcher.HttpFunctions)
        {
            data.Add(name, method, route);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpFunctionJson_DeclaresTheRouteMethodBindingsAndFunctionKeyAuth(string name, string method, string route)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_appRoot, name, "function.json")));
        var bindings = document.RootElement.GetProperty("bindings");

        Assert.Equal(2, bindings.GetArrayLength());
        var trigger = bindings[0];
        Assert.Equal(("httpTrigger", "in", HostPayload.HttpBinding, "function"), (Text(trigger, "type"), Text(trigger, "direction"), Text(trigger, "name"), Text(trigger, "authLevel")));
        Assert.Equal([method.ToLowerInvariant()], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, Text(trigger, "route"));
        Assert.Equal(("http", "out", HostPayload.HttpOutputBinding), (Text(bindings[1], "type"), Text(bindings[1], "direction"), Text(bindings[1], "name")));
    }

    [Fact]
    public void QueueFunctionJson_TriggersOnTheQueuesTheCodeUsesWithBinaryData()
    {
        foreach (var (name, queue) in FunctionDispatcher.QueueFunctions)
        {
            var binding = HostJsonFiles.ReadQueueBinding(s_appRoot, name);
            Assert.Equal((queue, HostPayload.QueueBinding, "binary"), (binding.QueueName, binding.BindingName, binding.DataType));
        }

        Assert.Equal(FunctionNames.ShardQueue + "-poison", FunctionNames.PoisonQueue);
    }

    [Fact]
    public void EveryFunctionFolder_IsAFunctionTheAppServes()
    {
        var folders = Directory.GetFiles(s_appRoot, "function.json", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f)!)).Order(StringComparer.Ordinal);
        var served = FunctionDispatcher.HttpFunctions.Select(f => f.Name).Concat(FunctionDispatcher.QueueFunctions.Select(f => f.Name)).Order(StringComparer.Ordinal);

        Assert.Equal(served, folders);
    }

    [Fact]
    public void HostJson_IsACustomHandlerWithOneShardAtATimeAndTheApiRoutePrefix()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_appRoot, "host.json")));
        var root = document.RootElement;
        var settings = HostJsonFiles.ReadQueueSettings(s_appRoot);

        Assert.Equal("2.0", Text(root, "version"));
        var executable = root.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
        Assert.True(File.Exists(Path.Combine(s_appRoot, executable)), $"host.json launches '{executable}', which the build does not produce.");
        Assert.Equal(FunctionNames.RoutePrefix, root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal(new QueueTriggerSettings(1, 0, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 5, "base64"), settings);
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}
