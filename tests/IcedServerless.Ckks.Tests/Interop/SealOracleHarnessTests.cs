using System.Text.Json.Nodes;

namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>The oracle harness itself: protocol errors, inline objects, timeouts, disposal and prerequisites.</summary>
[Collection(SealOracleCollection.Name)]
public sealed class SealOracleHarnessTests(SealOracleFixture fixture)
{
    private readonly SealOracle _oracle = fixture.Oracle;

    [Fact]
    public async Task Unknown_op_is_a_request_error_and_the_oracle_keeps_serving()
    {
        var e = await Assert.ThrowsAsync<SealOracleException>(() => _oracle.SendAsync(new JsonObject { ["op"] = "noSuchOp" }));
        var ctx = await _oracle.CreateContextAsync(8192, SealVectors.Bits8192);

        Assert.Equal("request", e.ErrorKind);
        Assert.False(e.IsSealError);
        Assert.Contains("noSuchOp", e.SealMessage, StringComparison.Ordinal);
        Assert.Equal(8192, ctx.N);
    }

    [Fact]
    public async Task Unknown_context_id_is_a_request_error()
    {
        var ctx = await _oracle.CreateContextAsync(8192, SealVectors.Bits8192);

        var e = await Assert.ThrowsAsync<SealOracleException>(() => _oracle.DecryptAsync(ctx with { Id = "ctx-none" }, [1], [2]));

        Assert.Equal("request", e.ErrorKind);
    }

    [Fact]
    public async Task Objects_can_travel_inline_as_base64_both_ways()
    {
        var parms = SealVectors.Read("n8192/parms.none.bin");

        var response = await _oracle.SendAsync(new JsonObject
        {
            ["op"] = "saveAs",
            ["kind"] = "EncryptionParameters",
            ["obj"] = new JsonObject { ["b64"] = Convert.ToBase64String(parms) },
            ["compression"] = "zlib",
        });
        var zlib = Convert.FromBase64String((string)response["object"]!["b64"]!);
        var (ok, error) = await _oracle.LoadCheckAsync(null, SealObjectKind.EncryptionParameters, zlib);

        Assert.Equal(1, zlib[5]);
        Assert.True(ok, error);
        Assert.Equal(parms, await _oracle.ResaveAsync(null, SealObjectKind.EncryptionParameters, zlib, SealCompression.None));
    }

    [Fact]
    public async Task A_request_without_an_answer_in_time_stops_that_oracle()
    {
        // Node cannot even load SEAL within a millisecond, so the start-up handshake times out.
        var e = await Assert.ThrowsAsync<TimeoutException>(() => SealOracle.StartAsync(TimeSpan.FromMilliseconds(1)));

        Assert.Contains("did not answer 'hello'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ends_the_process_and_deletes_the_temp_directory()
    {
        var oracle = await SealOracle.StartAsync();
        var temp = oracle.TempDirectory;
        var ctx = await oracle.CreateContextAsync(8192, SealVectors.Bits8192);
        Assert.True(Directory.Exists(temp));

        await oracle.DisposeAsync();

        Assert.False(Directory.Exists(temp));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => oracle.CreateContextAsync(8192, SealVectors.Bits8192));
        Assert.Equal(8192, ctx.N);
    }

    [Fact]
    public void Missing_node_seal_tells_the_user_to_run_npm_ci()
    {
        var root = Directory.CreateTempSubdirectory("iced-oracle-root-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "tests", "oracle"));
            File.WriteAllText(Path.Combine(root, "tests", "oracle", "seal-oracle.mjs"), "");

            var e = Assert.Throws<InvalidOperationException>(() => SealOracle.CheckPrerequisites(root));

            Assert.Contains("npm ci", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
