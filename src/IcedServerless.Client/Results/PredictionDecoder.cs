using IcedServerless.Ckks;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Keys;
using IcedServerless.Inference;
using IcedServerless.Model.Inference;

namespace IcedServerless.Client.Results;

/// <summary>
/// Turns result units into predictions on the client: checks each unit against the plan, decrypts with the secret
/// key, unpacks the logits, applies softmax and the plan's decision rule. Thread-safe.
/// </summary>
public sealed class PredictionDecoder
{
    // Real logits are small; a result encrypted under another key decrypts to noise of the order of the modulus over
    // the scale, far beyond this, so such results are reported rather than turned into confident nonsense.
    private const double MaxPlausibleLogit = 1e6;

    private readonly ModelPlan _plan;
    private readonly CkksContext _context;
    private readonly CkksEncoder _encoder;
    private readonly Decryptor _decryptor;
    private readonly DecisionRule _decision;

    /// <summary>Creates the decoder after checking that the keys serve the plan.</summary>
    /// <param name="plan">The plan the results were computed under.</param>
    /// <param name="keys">The client's keys for it (not disposed by this class).</param>
    /// <exception cref="KeySetMismatchException">The keys were made for another model or other parameters.</exception>
    public PredictionDecoder(ModelPlan plan, ClientKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(keys);
        keys.EnsureMatches(plan);
        _plan = plan;
        _context = keys.Context;
        _encoder = new CkksEncoder(_context);
        _decryptor = new Decryptor(_context, keys.SecretKey);
        _decision = plan.Decision ?? DecisionRule.Argmax;
    }

    /// <summary>Decodes the result unit of images <paramref name="start"/> .. +<paramref name="count"/>−1 of <paramref name="inputs"/>.</summary>
    /// <param name="unit">The unit index (for error messages).</param>
    /// <param name="result">The unit's bytes as downloaded.</param>
    /// <param name="inputs">The images the unit was made from (names and labels).</param>
    /// <param name="start">The unit's first image.</param>
    /// <param name="count">Images in the unit.</param>
    /// <returns>One prediction per image, in order.</returns>
    /// <exception cref="ResultFormatException">The result does not match the plan or does not decrypt under these keys.</exception>
    public IReadOnlyList<Prediction> Decode(int unit, ReadOnlyMemory<byte> result, InputSet inputs, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Decode(unit, result, inputs.Names, start, count, inputs.Labels);
    }

    /// <summary>Decodes a result unit given the image names (and labels, when known) of the whole job.</summary>
    /// <param name="unit">The unit index (for error messages).</param>
    /// <param name="result">The unit's bytes as downloaded.</param>
    /// <param name="names">The names of all images of the job.</param>
    /// <param name="start">The unit's first image.</param>
    /// <param name="count">Images in the unit.</param>
    /// <param name="labels">The true classes of all images, or null.</param>
    /// <returns>One prediction per image, in order.</returns>
    /// <exception cref="ResultFormatException">The result does not match the plan or does not decrypt under these keys.</exception>
    public IReadOnlyList<Prediction> Decode(int unit, ReadOnlyMemory<byte> result, IReadOnlyList<string> names, int start, int count,
        IReadOnlyList<int>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _plan.ImagesPerUnit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, names.Count - count);
        var classes = _plan.ClassNames.Count;
        var logits = new double[count * classes];
        PlanPacking.Unpack(_plan, DecryptAll(unit, result), 0, count, logits);
        if (Array.FindIndex(logits, z => !double.IsFinite(z) || Math.Abs(z) > MaxPlausibleLogit) is var bad and >= 0)
        {
            throw new ResultFormatException(unit, $"Result unit {unit} decrypts to logit {logits[bad]:G4}, not a plausible value: it was not computed " +
                "for these keys (another key set?) or is corrupt.");
        }

        var predictions = new Prediction[count];
        for (var j = 0; j < count; j++)
        {
            var z = logits.AsSpan(j * classes, classes).ToArray();
            var p = new double[classes];
            Softmax.Apply(z, p);
            var predicted = _decision.Predict(p);
            predictions[j] = new Prediction(names[start + j], predicted, _plan.ClassNames[predicted], p, z)
            {
                TrueClass = labels?[start + j],
            };
        }

        return predictions;
    }

    private double[][] DecryptAll(int unit, ReadOnlyMemory<byte> result)
    {
        IReadOnlyList<ReadOnlyMemory<byte>> parts;
        try
        {
            parts = UnitBlob.Split(result);
        }
        catch (SealFormatException ex)
        {
            throw new ResultFormatException(unit, $"Result unit {unit} is not a sequence of SEAL objects: {ex.Message}", ex);
        }

        if (parts.Count != _plan.OutputCiphertextsPerUnit)
        {
            throw new ResultFormatException(unit, $"Result unit {unit} holds {parts.Count} ciphertexts; {_plan.ModelId} returns {_plan.OutputCiphertextsPerUnit}.");
        }

        var decoded = new double[parts.Count][];
        for (var i = 0; i < parts.Count; i++)
        {
            Ciphertext ciphertext;
            try
            {
                ciphertext = Ciphertext.Load(_context, parts[i]);
            }
            catch (Exception ex) when (ex is SealFormatException or ArgumentException)
            {
                throw new ResultFormatException(unit, $"Ciphertext {i} of result unit {unit} is not valid for {_plan.ModelId}'s parameters: {ex.Message}", ex);
            }

            if (ciphertext.Size != 2 || !_context.IsDataLevel(ciphertext.ParmsId) || !(ciphertext.Scale is > 1 and < double.MaxValue))
            {
                throw new ResultFormatException(unit, $"Ciphertext {i} of result unit {unit} has size {ciphertext.Size}, scale {ciphertext.Scale:G4} " +
                    "or a level outside the plan's data levels; expected a relinearized ciphertext at a data level.");
            }

            decoded[i] = _encoder.Decode(_decryptor.Decrypt(ciphertext));
        }

        return decoded;
    }
}
