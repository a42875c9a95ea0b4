using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>Typed operations over the oracle protocol (documented in tests/oracle/seal-oracle.mjs).</summary>
public sealed partial class SealOracle
{
    // Inputs up to this size travel inline as base64; larger ones (most SEAL objects) as temp files.
    private const int InlineInputLimit = 64 * 1024;

    /// <summary>Builds a CKKS context from N and the bit sizes given to <c>CoeffModulus.Create</c>.</summary>
    public Task<SealContext> CreateContextAsync(int n, IReadOnlyList<int> bits, SealSecurity security = SealSecurity.Tc128, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bits);
        return ContextAsync(new JsonObject { ["n"] = n, ["bits"] = new JsonArray(bits.Select(b => (JsonNode)b).ToArray()) }, [], security, cancellationToken);
    }

    /// <summary>Builds a CKKS context from serialized EncryptionParameters (SEAL must accept the bytes).</summary>
    public Task<SealContext> CreateContextAsync(byte[] parms, SealSecurity security = SealSecurity.Tc128, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parms);
        var files = new List<string>();
        return ContextAsync(new JsonObject { ["parms"] = Input(parms, "parms", files) }, files, security, cancellationToken);
    }

    private async Task<SealContext> ContextAsync(JsonObject request, List<string> files, SealSecurity security, CancellationToken cancellationToken)
    {
        request["op"] = "context";
        request["security"] = security.ToString().ToLowerInvariant();
        request["out"] = NewTempPath("parms");
        var r = await SendAsync(request, files, cancellationToken).ConfigureAwait(false);
        return new SealContext(
            (string)r["ctx"]!,
            (int)r["n"]!,
            r["primes"]!.AsArray().Select(p => ulong.Parse((string)p!, CultureInfo.InvariantCulture)).ToArray(),
            r["chainIndexes"]!.AsArray().Select(c => (int)c!).ToArray(),
            r["parmsIds"]!.AsArray().Select(ParseParmsId).ToArray(),
            Output(r["parms"]));
    }

    /// <summary>Generates keys with SEAL (optionally from a given secret key).</summary>
    public async Task<SealKeySet> KeyGenAsync(SealContext context, SealKeyGenOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        options ??= new SealKeyGenOptions();
        var files = new List<string>();
        var request = Request("keygen", context, options.Compression);
        request["publicKey"] = Wire(options.PublicKey);
        request["relinKeys"] = Wire(options.RelinKeys);
        request["out"] = new JsonObject
        {
            ["secretKey"] = NewTempPath("sk"),
            ["publicKey"] = NewTempPath("pk"),
            ["relinKeys"] = NewTempPath("rk"),
            ["galoisKeys"] = NewTempPath("gk"),
        };
        if (options.SecretKey is { } sk)
        {
            request["secretKey"] = Input(sk, "sk", files);
        }

        if (options.GaloisSteps is { } steps)
        {
            request["galoisSteps"] = new JsonArray(steps.Select(s => (JsonNode)s).ToArray());
            request["galoisKeys"] = Wire(options.GaloisKeys);
        }

        var r = await SendAsync(request, files, cancellationToken).ConfigureAwait(false);
        var elements = r["galoisElts"] is JsonArray elts ? elts.Select(e => (int)e!).ToArray() : [];
        return new SealKeySet(Output(r["secretKey"]), OptionalOutput(r["publicKey"]), OptionalOutput(r["relinKeys"]), OptionalOutput(r["galoisKeys"]), elements);
    }

    /// <summary>Encodes real values at <paramref name="scale"/> (first data level, or <paramref name="chainIndex"/>).</summary>
    public async Task<byte[]> EncodeAsync(SealContext context, IReadOnlyList<double> values, double scale, int? chainIndex = null, CancellationToken cancellationToken = default)
    {
        var request = ValuesRequest("encode", context, values, scale, SealCompression.None);
        if (chainIndex is { } level)
        {
            request["chainIndex"] = level;
        }

        var r = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Output(r["plaintext"]);
    }

    /// <summary>Decodes a plaintext with SEAL's CKKSEncoder; returns all N/2 real slot values.</summary>
    public async Task<double[]> DecodeAsync(SealContext context, byte[] plaintext, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var request = Request("decode", context);
        request["plaintext"] = Input(plaintext, "pt", files);
        return Slots(await SendAsync(request, files, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Decrypts and decodes a ciphertext with SEAL; returns all N/2 real slot values.</summary>
    public async Task<double[]> DecryptAsync(SealContext context, byte[] secretKey, byte[] ciphertext, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var request = Request("decrypt", context);
        request["secretKey"] = Input(secretKey, "sk", files);
        request["ciphertext"] = Input(ciphertext, "ct", files);
        return Slots(await SendAsync(request, files, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Encodes <paramref name="values"/> and encrypts them with a public key (never seeded in SEAL).</summary>
    public Task<byte[]> EncryptAsync(SealContext context, byte[] publicKey, IReadOnlyList<double> values, double scale, SealCompression compression = SealCompression.None, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var request = ValuesRequest("encrypt", context, values, scale, compression);
        request["publicKey"] = Input(publicKey, "pk", files);
        return CiphertextAsync(request, files, cancellationToken);
    }

    /// <summary>Encrypts a given serialized plaintext with a public key.</summary>
    public Task<byte[]> EncryptAsync(SealContext context, byte[] publicKey, byte[] plaintext, SealCompression compression = SealCompression.None, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var request = Request("encrypt", context, compression);
        request["publicKey"] = Input(publicKey, "pk", files);
        request["plaintext"] = Input(plaintext, "pt", files);
        return CiphertextAsync(request, files, cancellationToken);
    }

    /// <summary>Encodes and encrypts with the secret key, in full or seeded form.</summary>
    public Task<byte[]> EncryptSymmetricAsync(SealContext context, byte[] secretKey, IReadOnlyList<double> values, double scale, bool seeded, SealCompression compression = SealCompression.None, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var request = ValuesRequest("encryptSymmetric", context, values, scale, compression);
        request["secretKey"] = Input(secretKey, "sk", files);
        request["seeded"] = seeded;
        return CiphertextAsync(request, files, cancellationToken);
    }

    /// <summary>Applies one SEAL Evaluator operation and returns the serialized result.</summary>
    /// <exception cref="SealOracleException">SEAL refused the operation (its message says why).</exception>
    public async Task<byte[]> EvaluateAsync(SealContext context, SealEvalOp op, SealEvalArgs args, SealCompression compression = SealCompression.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var files = new List<string>();
        var request = Request("evaluate", context, compression);
        request["name"] = JsonNamingPolicy.CamelCase.ConvertName(op.ToString());
        request["out"] = NewTempPath("result");
        AddIfSet(request, "a", args.A, files);
        AddIfSet(request, "b", args.B, files);
        AddIfSet(request, "plain", args.Plain, files);
        AddIfSet(request, "relinKeys", args.RelinKeys, files);
        AddIfSet(request, "galoisKeys", args.GaloisKeys, files);
        if (args.Steps is { } steps)
        {
            request["steps"] = steps;
        }

        if (args.GaloisElt is { } elt)
        {
            request["galoisElt"] = elt;
        }

        var r = await SendAsync(request, files, cancellationToken).ConfigureAwait(false);
        return Output(r["result"]);
    }

    /// <summary>
    /// Asks SEAL to load <paramref name="bytes"/> as a <paramref name="kind"/> object: (true, null) if SEAL accepts
    /// them, (false, SEAL's exception message) if it rejects them. <paramref name="context"/> may be null only
    /// for EncryptionParameters.
    /// </summary>
    public async Task<(bool Ok, string? Error)> LoadCheckAsync(SealContext? context, SealObjectKind kind, byte[] bytes, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var request = KindRequest("load", context, kind, bytes, files);
        try
        {
            await SendAsync(request, files, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (SealOracleException e) when (e.IsSealError)
        {
            return (false, e.SealMessage);
        }
    }

    /// <summary>Has SEAL load an object and save it again with <paramref name="compression"/> (seeded input comes back full).</summary>
    public async Task<byte[]> ResaveAsync(SealContext? context, SealObjectKind kind, byte[] bytes, SealCompression compression, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var request = KindRequest("saveAs", context, kind, bytes, files);
        request["compression"] = Wire(compression);
        request["out"] = NewTempPath("resaved");
        var r = await SendAsync(request, files, cancellationToken).ConfigureAwait(false);
        return Output(r["object"]);
    }

    private JsonObject KindRequest(string op, SealContext? context, SealObjectKind kind, byte[] bytes, List<string> files)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (context is null && kind != SealObjectKind.EncryptionParameters)
        {
            throw new ArgumentNullException(nameof(context), $"A {kind} is loaded against a context.");
        }

        var request = new JsonObject { ["op"] = op, ["kind"] = kind.ToString(), ["obj"] = Input(bytes, "obj", files) };
        if (context is not null)
        {
            request["ctx"] = context.Id;
        }

        return request;
    }

    private static double[] Slots(JsonObject response)
    {
        var raw = Convert.FromBase64String((string)response["slotsB64"]!);
        var slots = new double[raw.Length / sizeof(double)];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i * sizeof(double)));
        }

        return slots;
    }

    private async Task<byte[]> CiphertextAsync(JsonObject request, List<string> files, CancellationToken cancellationToken)
    {
        request["out"] = NewTempPath("ct");
        return Output((await SendAsync(request, files, cancellationToken).ConfigureAwait(false))["ciphertext"]);
    }

    private static JsonObject Request(string op, SealContext context, SealCompression compression = SealCompression.None)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new JsonObject { ["op"] = op, ["ctx"] = context.Id, ["compression"] = Wire(compression) };
    }

    private static JsonObject ValuesRequest(string op, SealContext context, IReadOnlyList<double> values, double scale, SealCompression compression)
    {
        ArgumentNullException.ThrowIfNull(values);
        var raw = new byte[values.Count * sizeof(double)];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(raw.AsSpan(i * sizeof(double)), values[i]);
        }

        var request = Request(op, context, compression);
        request["valuesB64"] = Convert.ToBase64String(raw);
        request["scale"] = scale;
        return request;
    }

    private void AddIfSet(JsonObject request, string name, byte[]? bytes, List<string> files)
    {
        if (bytes is not null)
        {
            request[name] = Input(bytes, name, files);
        }
    }

    // An object reference: small objects inline, larger ones through a temp file the caller deletes afterwards.
    private JsonObject Input(byte[] bytes, string label, List<string> files)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length <= InlineInputLimit)
        {
            return new JsonObject { ["b64"] = Convert.ToBase64String(bytes) };
        }

        var path = NewTempPath(label);
        File.WriteAllBytes(path, bytes);
        files.Add(path);
        return new JsonObject { ["path"] = path };
    }

    // Sends a request whose inputs include the temp files in `files`, and deletes those files afterwards.
    private async Task<JsonObject> SendAsync(JsonObject request, List<string> files, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }
        }
    }

    // Reads an output reference ({path} or {b64}) of a response; a file is read once and deleted.
    private static byte[] Output(JsonNode? node)
    {
        var reference = node as JsonObject ?? throw new InvalidOperationException("The oracle's response lacks an expected output object.");
        if ((string?)reference["b64"] is { } b64)
        {
            return Convert.FromBase64String(b64);
        }

        var path = (string?)reference["path"] ?? throw new InvalidOperationException("An oracle output has neither path nor b64.");
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        var declared = (long?)reference["bytes"];
        return declared == bytes.Length
            ? bytes
            : throw new InvalidOperationException($"The oracle declared {declared} bytes for {path} but the file has {bytes.Length}.");
    }

    private static byte[]? OptionalOutput(JsonNode? node) => node is null ? null : Output(node);

    private static ulong[] ParseParmsId(JsonNode? words) =>
        words!.AsArray().Select(w => ulong.Parse(((string)w!)[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    private static string Wire(SealCompression compression) => compression.ToString().ToLowerInvariant();

    private static string Wire(SealKeyForm form) => form.ToString().ToLowerInvariant();
}
