using IcedServerless.Ckks;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Contracts;
using IcedServerless.Inference;

namespace IcedServerless.Functions.Scoring;

/// <summary>
/// The blob format of a unit: SEAL ciphertexts back to back, each self-delimited by the size in its 16-byte
/// header. Inputs are checked against the plan — count, level (parms_id), size and scale — with errors that name
/// the unit and the ciphertext.
/// </summary>
public static class UnitCodec
{
    // Bytes of a serialized ciphertext besides its words: header, fixed members, the nested array's header.
    private const long CiphertextOverhead = SealHeader.ByteCount + 32 + 1 + (8 * 5) + SealHeader.ByteCount + 8;

    // Slack for a compressed form of incompressible data (zlib/zstd add a little per block).
    private const long CompressionSlack = 4096;

    /// <summary>
    /// The largest an input unit of <paramref name="model"/> can be: its fresh (size-2) ciphertexts at the input
    /// level, uncompressed, plus compression slack. Larger blobs are refused before download.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <returns>The byte limit.</returns>
    public static long MaxUnitBytes(IEncryptedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var plan = model.Plan;
        var level = model.Context.Levels[plan.InputLevel];
        var perCiphertext = CiphertextOverhead + (2L * model.Context.PolyModulusDegree * level.PrimeCount * sizeof(ulong));
        var raw = plan.InputCiphertextsPerUnit * perCiphertext;
        return raw + (raw / 100) + CompressionSlack;
    }

    /// <summary>Splits and loads an input unit.</summary>
    /// <param name="blob">The unit's bytes.</param>
    /// <param name="model">The model.</param>
    /// <param name="unit">The unit index, for messages.</param>
    /// <param name="maxDegreeOfParallelism">Cores to load ciphertexts on at once (at least 1).</param>
    /// <returns>The ciphertexts, validated against the plan.</returns>
    /// <exception cref="JobFailureException">Malformed, wrong count, or at the wrong level, size or scale.</exception>
    public static IReadOnlyList<Ciphertext> Read(ReadOnlyMemory<byte> blob, IEncryptedModel model, int unit, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        var plan = model.Plan;
        var parts = Frame(blob, plan.InputCiphertextsPerUnit, unit);
        if (parts.Count != plan.InputCiphertextsPerUnit)
        {
            throw new JobFailureException(
                JobErrorCodes.WrongCiphertextCount,
                $"Unit {unit} holds {parts.Count} ciphertext(s); the model's unit has {plan.InputCiphertextsPerUnit}.", unit);
        }

        // Loading inflates, expands seeds and checks every word: the costly part, spread over the cores given. The
        // error reported is the one of the first bad ciphertext, whatever order the loads finish in.
        var result = new Ciphertext[parts.Count];
        var errors = new JobFailureException?[parts.Count];
        Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            try
            {
                result[i] = Ciphertext.Load(model.Context, parts[i]);
            }
            catch (SealFormatException e)
            {
                errors[i] = new JobFailureException(JobErrorCodes.MalformedCiphertext, $"Unit {unit}, ciphertext {i}: {e.Message}", unit, e);
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first)
        {
            throw first;
        }

        for (var index = 0; index < result.Length; index++)
        {
            Check(result[index], model, unit, index);
        }

        return result;
    }

    /// <summary>Serializes output ciphertexts back to back.</summary>
    /// <param name="ciphertexts">The ciphertexts.</param>
    /// <param name="compression">The SEAL compression mode.</param>
    /// <returns>The unit's bytes.</returns>
    public static byte[] Write(IReadOnlyList<Ciphertext> ciphertexts, ComprModeType compression)
    {
        ArgumentNullException.ThrowIfNull(ciphertexts);
        var parts = ciphertexts.Select(c => c.Save(compression)).ToArray();
        var result = new byte[parts.Sum(p => (long)p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }

    /// <summary>Slices the unit into its objects by their headers (no copy), refusing more than the plan's count.</summary>
    private static List<ReadOnlyMemory<byte>> Frame(ReadOnlyMemory<byte> blob, int expected, int unit)
    {
        var parts = new List<ReadOnlyMemory<byte>>(expected);
        for (var rest = blob; !rest.IsEmpty;)
        {
            if (parts.Count == expected)
            {
                throw new JobFailureException(
                    JobErrorCodes.WrongCiphertextCount,
                    $"Unit {unit} holds more than the {expected} ciphertext(s) of the model's unit ({rest.Length} bytes follow).", unit);
            }

            try
            {
                var size = Frame(rest.Span);
                parts.Add(rest[..size]);
                rest = rest[size..];
            }
            catch (SealFormatException e)
            {
                throw new JobFailureException(JobErrorCodes.MalformedCiphertext, $"Unit {unit}, ciphertext {parts.Count}: {e.Message}", unit, e);
            }
        }

        return parts;
    }

    /// <summary>Checks a loaded input against the plan: level, size and scale.</summary>
    private static void Check(Ciphertext ciphertext, IEncryptedModel model, int unit, int index)
    {
        var plan = model.Plan;
        if (ciphertext.ParmsId != model.Context.Levels[plan.InputLevel].ParmsId)
        {
            var level = model.Context.TryGetContextData(ciphertext.ParmsId)?.ChainIndex;
            throw new JobFailureException(
                JobErrorCodes.MismatchedCiphertext,
                $"Unit {unit}, ciphertext {index} is at chain index {level} (parms_id {ciphertext.ParmsId}); the model takes inputs at chain index {plan.InputLevel}.", unit);
        }

        if (ciphertext.Size != 2)
        {
            throw new JobFailureException(
                JobErrorCodes.MismatchedCiphertext, $"Unit {unit}, ciphertext {index} has size {ciphertext.Size}; inputs must be fresh (size 2).", unit);
        }

        if (Math.Abs(ciphertext.Scale - plan.InputScale) > plan.InputScale * 1e-9)
        {
            throw new JobFailureException(
                JobErrorCodes.MismatchedCiphertext,
                $"Unit {unit}, ciphertext {index} has scale 2^{Math.Log2(ciphertext.Scale):0.###}; the model takes 2^{Math.Log2(plan.InputScale):0.###}.", unit);
        }
    }

    /// <summary>The length of the SEAL object at the start of <paramref name="data"/>, checked against what is there.</summary>
    private static int Frame(ReadOnlySpan<byte> data)
    {
        var header = SealHeader.Read(data);
        return header.Size <= (ulong)data.Length
            ? (int)header.Size
            : throw new SealFormatException($"SEAL object: the header declares {header.Size} bytes but only {data.Length} remain in the unit (truncated).");
    }
}
