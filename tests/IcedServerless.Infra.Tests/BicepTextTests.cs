using System.Text.RegularExpressions;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;

namespace IcedServerless.Infra.Tests;

/// <summary>
/// Text-level checks of infra/*.bicep: what the Bicep compiler's linter would catch for unused parameters and
/// mismatched module arguments, plus the security settings and names the deployment depends on.
/// </summary>
public sealed partial class BicepTextTests
{
    private static readonly IReadOnlyList<BicepFile> s_files = BicepFile.All();
    private static readonly BicepFile s_main = s_files.Single(f => f.Path.EndsWith("main.bicep", StringComparison.Ordinal));

    private static BicepFile Module(string name) => s_files.Single(f => Path.GetFileName(f.Path) == name);

    [Fact]
    public void EveryParameter_IsUsedInItsFile()
    {
        foreach (var file in s_files)
        {
            foreach (var parameter in file.Parameters)
            {
                var uses = Regex.Matches(file.Text, $@"\b{parameter.Name}\b").Count;
                Assert.True(uses > 1, $"{Path.GetFileName(file.Path)}: param {parameter.Name} is never used.");
            }
        }
    }

    [Fact]
    public void EveryModule_ExistsAndGetsExactlyItsParameters()
    {
        Assert.Equal(["functionapp", "identity", "monitoring", "roles", "storage"], s_main.Modules.Select(m => Path.GetFileNameWithoutExtension(m.Path)).Order());
        foreach (var (name, path) in s_main.Modules)
        {
            var module = BicepFile.Load(Path.Combine(Path.GetDirectoryName(s_main.Path)!, path));
            var passed = s_main.ModuleArguments(name);
            Assert.Equal(module.Parameters.Select(p => p.Name).Order(), passed.Order());
            Assert.Equal(passed.Count, passed.Distinct().Count());
        }
    }

    [Fact]
    public void ModuleOutputs_UsedByMain_AreDeclared()
    {
        foreach (var use in OutputUse().Matches(s_main.Text).Cast<Match>())
        {
            var path = s_main.Modules.Single(m => m.Name == use.Groups[1].Value).Path;
            var module = BicepFile.Load(Path.Combine(Path.GetDirectoryName(s_main.Path)!, path));
            Assert.Contains(use.Groups[2].Value, module.Outputs.Select(o => o.Name));
        }
    }

    [Fact]
    public void ResourceNames_AreDistinctAndEveryNameReferenceIsDefined()
    {
        foreach (var file in s_files)
        {
            var symbols = file.Resources.Select(r => r.Name).Concat(file.Modules.Select(m => m.Name)).ToArray();
            Assert.Equal(symbols.Length, symbols.Distinct().Count());
        }

        var names = s_main.ObjectVariable("names");
        var referenced = NamesUse().Matches(s_main.Text).Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Equal(names.Keys.Order(), referenced.Order());
        // Storage account names allow only lowercase letters and digits, at most 24 characters.
        Assert.Equal("take('sticed${environmentName}${suffix}', 24)", names["storage"]);
    }

    [Fact]
    public void Outputs_CarryNoSecrets()
    {
        foreach (var file in s_files)
        {
            foreach (var (name, value) in file.Outputs)
            {
                Assert.DoesNotMatch(SecretLike(), name + " " + value);
            }

            Assert.DoesNotContain("@secure()", file.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("listKeys(", file.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoRegistryModules_OnlyLocalFiles()
    {
        Assert.All(s_files.SelectMany(f => f.Modules), m => Assert.Matches(@"^modules/\w+\.bicep$", m.Path));
        Assert.All(s_files, f => Assert.DoesNotContain("br/public:", f.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Storage_IsHttpsOnlyTls12PrivateAndKeyless_WithJobDataLifecycle()
    {
        var text = Module("storage.bicep").Text;
        foreach (var setting in new[]
        {
            "supportsHttpsTrafficOnly: true", "minimumTlsVersion: 'TLS1_2'", "allowBlobPublicAccess: false",
            "allowSharedKeyAccess: false", "defaultToOAuthAuthentication: true", "publicAccess: 'None'",
            "type: 'Lifecycle'", "daysAfterModificationGreaterThan: jobDataRetentionDays",
        })
        {
            Assert.Contains(setting, text, StringComparison.Ordinal);
        }

        Assert.Contains("queues@2023-05-01' = [for name in [shardQueueName, poisonQueueName]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_UsesTheAppsQueueAndContainerNames()
    {
        var pipeline = s_main.ObjectVariable("pipeline");
        var defaults = new PipelineOptions();
        Assert.Equal(
            [defaults.KeysContainer, defaults.JobsContainer, defaults.InputsContainer, defaults.ResultsContainer],
            new[] { "keysContainer", "jobsContainer", "inputsContainer", "resultsContainer" }.Select(k => pipeline[k].Trim('\'')));
        Assert.Contains($"var shardQueueName = '{FunctionNames.ShardQueue}'", s_main.Text, StringComparison.Ordinal);
        Assert.Contains($"var poisonQueueName = '{FunctionNames.PoisonQueue}'", s_main.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_IsLinuxFlexCustomHandlerWithUserIdentityAnd4GbInstancesByDefault()
    {
        var text = Module("functionapp.bicep").Text;
        foreach (var setting in new[]
        {
            "name: 'FC1'", "tier: 'FlexConsumption'", "reserved: true", "kind: 'functionapp,linux'", "httpsOnly: true",
            "name: 'custom'", "type: 'UserAssigned'", "type: 'UserAssignedIdentity'", "minTlsVersion: '1.2'", "ftpsState: 'Disabled'",
        })
        {
            Assert.Contains(setting, text, StringComparison.Ordinal);
        }

        Assert.Equal(["2048", "4096"], Module("functionapp.bicep").Parameters.Single(p => p.Name == "instanceMemoryMB").Allowed);
        Assert.Matches(@"(?m)^param instanceMemoryMB int = 4096$", s_main.Text);
    }

    [Fact]
    public void Roles_AreTheLeastPrivilegeDataPlaneRoles()
    {
        var text = Module("roles.bicep").Text;
        var roleIds = Guid().Matches(text).Select(m => m.Value).Order().ToArray();
        Assert.Equal(
            new[]
            {
                "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor (host diagnostic events)
                "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher (Entra-only telemetry)
                "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
                "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (host storage minimum; user-delegation keys)
            },
            roleIds);
        // Blob Data Contributor is not the host's documented minimum, and Delegator is redundant next to Owner.
        Assert.DoesNotContain("ba92f5b4-2d11-453d-a403-e96b0029c9fe", text, StringComparison.Ordinal);
        Assert.DoesNotContain("db58b8e5-c6ad-4a2a-8342-4190687cbf4a", text, StringComparison.Ordinal);
        Assert.Contains("principalType: 'ServicePrincipal'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void HostStorageAndTelemetry_AreIdentityBasedWithTheDocumentedSettingNames()
    {
        var file = Module("functionapp.bicep");
        var settings = file.ArrayNames("appSettings");
        foreach (var name in new[]
        {
            "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
            "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        })
        {
            Assert.Contains(name, settings);
        }

        // The host and the IcedStorage connection use the user-assigned identity; telemetry authenticates with Entra.
        Assert.Equal(2, Regex.Matches(file.Text, @"name: '\w+__credential'\s+value: 'managedidentity'").Count);
        Assert.Equal(2, Regex.Matches(file.Text, @"name: '\w+__clientId'\s+value: identityClientId").Count);
        Assert.Contains("value: 'ClientId=${identityClientId};Authorization=AAD'", file.Text, StringComparison.Ordinal);
        Assert.Contains("DisableLocalAuth: true", Module("monitoring.bicep").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_UsesAnApiVersionWithFunctionAppConfig_AndTheFlexDeploymentContainer()
    {
        var text = Module("functionapp.bicep").Text;
        // functionAppConfig (Flex Consumption) exists on Microsoft.Web/sites from API version 2023-12-01.
        var version = Regex.Match(text, @"'Microsoft\.Web/sites@(\d{4}-\d{2}-\d{2})'").Groups[1].Value;
        Assert.True(string.CompareOrdinal(version, "2023-12-01") >= 0, $"Microsoft.Web/sites@{version} predates functionAppConfig.");
        foreach (var setting in new[] { "type: 'blobContainer'", "value: '${blobEndpoint}${deploymentContainerName}'", "userAssignedIdentityResourceId: identityId", "version: '1.0'" })
        {
            Assert.Contains(setting, text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"\b(\w+)\.outputs\.(\w+)")]
    private static partial Regex OutputUse();

    [GeneratedRegex(@"\bnames\.(\w+)")]
    private static partial Regex NamesUse();

    [GeneratedRegex(@"(?i)key|secret|password|connectionstring|sas|token")]
    private static partial Regex SecretLike();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
