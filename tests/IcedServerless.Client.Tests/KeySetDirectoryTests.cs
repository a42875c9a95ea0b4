using System.Text.Json.Nodes;
using IcedServerless.Client.Keys;
using IcedServerless.Contracts;
using IcedServerless.Functions.Keys;
using IcedServerless.Testing;
using IcedServerless.Testing.Models;

namespace IcedServerless.Client.Tests;

public sealed class KeySetDirectoryTests
{
    private static readonly Lazy<ClientKeySet> s_keys = new(() => ClientKeySet.Create(TestClientCrypto.Shared.Model.Plan));

    private static ClientKeySet Keys => s_keys.Value;

    [Fact]
    public async Task Round_trip_without_passphrase_keeps_every_key_and_the_id()
    {
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "keys");
        var info = await KeySetDirectory.SaveAsync(folder, Keys);
        Assert.False(info.SecretSealed);
        using var loaded = await KeySetDirectory.LoadAsync(folder);
        AssertSameKeys(Keys, loaded);
        Assert.Equal(Keys.SecretKey.Save(), loaded.SecretKey.Save());
    }

    [Fact]
    public async Task Round_trip_with_passphrase_seals_the_secret_and_needs_the_passphrase()
    {
        using var dir = new TempDirectory();
        var info = await KeySetDirectory.SaveAsync(dir.Path, Keys, "correct horse battery staple");
        Assert.True(info.SecretSealed);
        Assert.Equal(600_000, info.Sealing!.Iterations);
        var stored = await File.ReadAllBytesAsync(Path.Combine(dir.Path, KeySetDirectory.SecretFile));
        var plain = Keys.SecretKey.Save();
        Assert.Equal(plain.Length + 58, stored.Length);
        Assert.Equal(-1, stored.AsSpan().IndexOf(plain.AsSpan(64, 64)));

        using var loaded = await KeySetDirectory.LoadAsync(dir.Path, "correct horse battery staple");
        AssertSameKeys(Keys, loaded);
        Assert.Equal(plain, loaded.SecretKey.Save());

        await Assert.ThrowsAsync<KeyPassphraseException>(() => KeySetDirectory.LoadAsync(dir.Path));
        var wrong = await Assert.ThrowsAsync<KeyPassphraseException>(() => KeySetDirectory.LoadAsync(dir.Path, "correct horse battery stapler"));
        Assert.Contains("passphrase", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sealed_header_tampering_is_caught_by_the_tag_even_with_a_matching_hash()
    {
        using var dir = new TempDirectory();
        await KeySetDirectory.SaveAsync(dir.Path, Keys, "pass");
        var path = Path.Combine(dir.Path, KeySetDirectory.SecretFile);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[20] ^= 1; // inside the salt, which is authenticated as associated data
        await File.WriteAllBytesAsync(path, bytes);
        await RewriteInfoAsync(dir.Path, n => n["secretKey"]!["sha256"] = ClientKeySet.Sha256Hex(bytes));
        await Assert.ThrowsAsync<KeyPassphraseException>(() => KeySetDirectory.LoadAsync(dir.Path, "pass"));
    }

    [Theory]
    [InlineData(KeySetDirectory.SecretFile)]
    [InlineData(KeySetDirectory.RelinFile)]
    [InlineData(KeySetDirectory.GaloisFile)]
    public async Task A_flipped_byte_in_any_key_file_is_reported_with_its_path(string file)
    {
        using var dir = new TempDirectory();
        await KeySetDirectory.SaveAsync(dir.Path, Keys);
        var path = Path.Combine(dir.Path, file);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);
        var error = await Assert.ThrowsAsync<KeyFileException>(() => KeySetDirectory.LoadAsync(dir.Path));
        Assert.Equal(path, error.Path);
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_truncated_and_corrupt_files_are_typed_errors()
    {
        using var dir = new TempDirectory();
        var none = await Assert.ThrowsAsync<KeyFileException>(() => KeySetDirectory.LoadAsync(dir.Path));
        Assert.Contains("iced keys create", none.Message, StringComparison.Ordinal);

        await KeySetDirectory.SaveAsync(dir.Path, Keys);
        var relin = Path.Combine(dir.Path, KeySetDirectory.RelinFile);
        var bytes = await File.ReadAllBytesAsync(relin);
        await File.WriteAllBytesAsync(relin, bytes[..^10]);
        Assert.Contains("size", (await Assert.ThrowsAsync<KeyFileException>(() => KeySetDirectory.LoadAsync(dir.Path))).Message, StringComparison.Ordinal);
        File.Delete(relin);
        Assert.Contains("missing", (await Assert.ThrowsAsync<KeyFileException>(() => KeySetDirectory.LoadAsync(dir.Path))).Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(dir.Path, KeySetDirectory.InfoFile), "{ not json");
        await Assert.ThrowsAsync<KeyFileException>(() => KeySetDirectory.ReadInfoAsync(dir.Path));
    }

    [Fact]
    public async Task A_description_whose_hashes_were_edited_no_longer_matches_its_id()
    {
        using var dir = new TempDirectory();
        await KeySetDirectory.SaveAsync(dir.Path, Keys);
        await RewriteInfoAsync(dir.Path, n => n["relinKeys"]!["sha256"] = new string('0', 64));
        var error = await Assert.ThrowsAsync<KeyFileException>(() => KeySetDirectory.LoadAsync(dir.Path));
        Assert.Contains("key set id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_over_an_existing_key_set_needs_overwrite()
    {
        using var dir = new TempDirectory();
        await KeySetDirectory.SaveAsync(dir.Path, Keys);
        await Assert.ThrowsAsync<KeyFileException>(() => KeySetDirectory.SaveAsync(dir.Path, Keys));
        await KeySetDirectory.SaveAsync(dir.Path, Keys, overwrite: true);
    }

    [Fact]
    public async Task The_secret_key_file_is_owner_only_and_the_folder_is_private()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "a", "b");
        await KeySetDirectory.SaveAsync(folder, Keys);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, KeySetDirectory.SecretFile)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void The_key_set_id_is_the_one_the_service_computes()
    {
        Assert.Equal(KeySetManifest.ComputeId(Keys.ModelId, Keys.RelinDescriptor, Keys.GaloisDescriptor), Keys.KeySetId);
        Assert.Equal(TestClientCrypto.Describe(Keys.RelinKeys!), Keys.RelinDescriptor);
        Assert.NotEqual(KeySetIds.Compute(Keys.ModelId, Keys.RelinSha256, null), Keys.KeySetId);
    }

    [Fact]
    public void Keys_for_another_model_parameters_or_rotations_are_refused()
    {
        var plan = TestClientCrypto.Shared.Model.Plan;
        Keys.EnsureMatches(plan);
        Assert.Throws<KeySetMismatchException>(() => Keys.EnsureMatches(plan with { ModelId = "other/throughput" }));
        var parms = Assert.Throws<KeySetMismatchException>(() =>
            Keys.EnsureMatches(plan with { EncryptionParameters = Ckks.EncryptionParameters.Create(8192, 60, 40, 60).Save() }));
        Assert.Contains("parameters", parms.Message, StringComparison.Ordinal);
        var steps = Assert.Throws<KeySetMismatchException>(() => Keys.EnsureMatches(plan with { RotationSteps = [1, 2] }));
        Assert.Contains("[2]", steps.Message, StringComparison.Ordinal);
        Assert.Contains("iced keys create", steps.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_a_key_set_shows_no_key_material()
    {
        Assert.Equal($"ClientKeySet({Keys.ModelId}, key set {Keys.KeySetId})", Keys.ToString());
    }

    private static void AssertSameKeys(ClientKeySet expected, ClientKeySet actual)
    {
        Assert.Equal(expected.ModelId, actual.ModelId);
        Assert.Equal(expected.KeySetId, actual.KeySetId);
        Assert.Equal(expected.RelinKeys, actual.RelinKeys);
        Assert.Equal(expected.GaloisKeys, actual.GaloisKeys);
        Assert.Equal(expected.RotationSteps, actual.RotationSteps);
        Assert.Equal(expected.ParmsSha256, actual.ParmsSha256);
    }

    private static async Task RewriteInfoAsync(string folder, Action<JsonNode> edit)
    {
        var path = Path.Combine(folder, KeySetDirectory.InfoFile);
        var node = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        edit(node);
        await File.WriteAllTextAsync(path, node.ToJsonString());
    }
}
