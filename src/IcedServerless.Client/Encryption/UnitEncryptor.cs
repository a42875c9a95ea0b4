using IcedServerless.Ckks;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Keys;
using IcedServerless.Inference;

namespace IcedServerless.Client.Encryption;

/// <summary>
/// Encrypts input units for a plan with the client's secret key: each unit's slot vectors (laid out by
/// <see cref="PlanPacking"/>) encoded at the plan's level and scale, encrypted symmetrically in seeded form (half the
/// bytes) and uncompressed (nothing for the service to inflate), joined with <see cref="UnitBlob"/>. Thread-safe:
/// units may be encrypted in parallel.
/// </summary>
public sealed class UnitEncryptor
{
    private readonly ModelPlan _plan;
    private readonly CkksEncoder _encoder;
    private readonly Encryptor _encryptor;
    private readonly ParmsId _inputLevel;

    /// <summary>Creates the encryptor after checking that the keys serve the plan.</summary>
    /// <param name="plan">The plan the service publishes.</param>
    /// <param name="keys">The client's keys for it (not disposed by this class).</param>
    /// <exception cref="KeySetMismatchException">The keys were made for another model or other parameters.</exception>
    public UnitEncryptor(ModelPlan plan, ClientKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(keys);
        keys.EnsureMatches(plan);
        _plan = plan;
        var context = keys.Context;
        if (plan.InputLevel < 0 || plan.InputLevel >= context.Levels.Count || !context.IsDataLevel(context.Levels[plan.InputLevel].ParmsId))
        {
            throw new ArgumentException($"The plan's input level {plan.InputLevel} is not a data level of its parameters.", nameof(plan));
        }

        _inputLevel = context.Levels[plan.InputLevel].ParmsId;
        _encoder = new CkksEncoder(context);
        _encryptor = new Encryptor(context, keys.SecretKey);
    }

    /// <summary>The units of <paramref name="inputs"/>: (first image, image count) pairs.</summary>
    /// <param name="inputs">The images.</param>
    /// <returns>The units, in order.</returns>
    public IReadOnlyList<(int Start, int Count)> Units(InputSet inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return PlanPacking.Units(_plan, inputs.Count).ToArray();
    }

    /// <summary>Encrypts the unit of images <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>−1.</summary>
    /// <param name="inputs">The preprocessed images.</param>
    /// <param name="start">The first image of the unit.</param>
    /// <param name="count">Images in the unit (at most <see cref="ModelPlan.ImagesPerUnit"/>).</param>
    /// <returns>The unit's bytes: <see cref="ModelPlan.InputCiphertextsPerUnit"/> seeded SEAL ciphertexts.</returns>
    /// <exception cref="ArgumentException">The range is invalid or the images do not have the plan's size.</exception>
    public byte[] EncryptUnit(InputSet inputs, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _plan.ImagesPerUnit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, inputs.Count - count);
        var pixels = _plan.ImageSize * _plan.ImageSize;
        if (inputs.Images[start].Length != pixels)
        {
            throw new ArgumentException($"The images have {inputs.Images[start].Length} values; {_plan.ModelId} takes {_plan.ImageSize}×{_plan.ImageSize} = {pixels}.", nameof(inputs));
        }

        var vectors = PlanPacking.Pack(_plan, inputs.Images, start, count);
        var ciphertexts = new byte[vectors.Length][];
        var plain = new Plaintext();
        for (var i = 0; i < vectors.Length; i++)
        {
            _encoder.Encode(vectors[i], _inputLevel, _plan.InputScale, plain);
            ciphertexts[i] = _encryptor.EncryptSymmetricSerializable(plain).Save(ComprModeType.None);
        }

        return UnitBlob.Join(ciphertexts);
    }
}
