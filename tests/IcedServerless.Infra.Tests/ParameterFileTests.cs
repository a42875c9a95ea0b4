using System.Text.Json;

namespace IcedServerless.Infra.Tests;

/// <summary>The dev and production-like parameter files fit main.bicep: known names, required ones given, allowed values.</summary>
public sealed class ParameterFileTests
{
    private static readonly BicepFile s_main = BicepFile.Load(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));

    public static TheoryData<string> Files() => new() { "main.dev.parameters.json", "main.prod.parameters.json" };

    [Theory]
    [MemberData(nameof(Files))]
    public void ParameterFile_NamesOnlyDeclaredParameters_GivesTheRequiredOnes_AndRespectsAllowedValues(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", file)));
        var values = document.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value"));
        var declared = s_main.Parameters.ToDictionary(p => p.Name);

        Assert.All(values.Keys, name => Assert.True(declared.ContainsKey(name), $"{file}: '{name}' is not a parameter of main.bicep."));
        Assert.All(declared.Values.Where(p => !p.HasDefault), p => Assert.True(values.ContainsKey(p.Name), $"{file} lacks the required '{p.Name}'."));
        foreach (var (name, value) in values)
        {
            if (declared[name].Allowed is { Count: > 0 } allowed)
            {
                Assert.Contains(value.ToString(), allowed);
            }
        }
    }

    [Fact]
    public void Environments_AreDistinct_AndProductionIsZoneRedundant()
    {
        string Value(string file, string name)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", file)));
            return document.RootElement.GetProperty("parameters").GetProperty(name).GetProperty("value").ToString();
        }

        Assert.Equal(("dev", "prod"), (Value("main.dev.parameters.json", "environmentName"), Value("main.prod.parameters.json", "environmentName")));
        Assert.Equal("Standard_ZRS", Value("main.prod.parameters.json", "storageSku"));
    }
}
