using IcedServerless.Ckks;
using IcedServerless.Inference.Lowering;
using IcedServerless.Inference.Planning;
using IcedServerless.Model;

namespace IcedServerless.Inference.Throughput;

/// <summary>
/// A classifier evaluated in the throughput packing (<see cref="ThroughputPacking"/>): every operation is a
/// ciphertext-by-constant multiply-accumulate, a square, a rescale or a relinearization, applied to N/2 images at
/// once. Needs relinearization keys only (no Galois keys).
/// </summary>
public sealed partial class ThroughputEncryptedModel : IEncryptedModel
{
    private readonly LoweredNetwork _network;
    private readonly Evaluator _evaluator;
    private readonly ParallelOptions _parallel;
    private readonly ContextData _inputLevel;

    /// <summary>Compiles <paramref name="model"/> for the throughput packing.</summary>
    /// <param name="model">The released classifier.</param>
    /// <param name="maxDegreeOfParallelism">Cores one unit may use (-1: all).</param>
    public ThroughputEncryptedModel(ClassifierModel model, int maxDegreeOfParallelism = -1)
        : this(model, LoweredNetwork.Lower((model ?? throw new ArgumentNullException(nameof(model))).Network), maxDegreeOfParallelism)
    {
    }

    /// <summary>Compiles <paramref name="model"/> from its already lowered network (shared between packings).</summary>
    internal ThroughputEncryptedModel(ClassifierModel model, LoweredNetwork network, int maxDegreeOfParallelism)
    {
        _network = network;
        var choice = CkksPlanner.Choose(_network.Depth, minimumSlots: 1);
        // Parallelism lives at this level (over neurons); each CKKS operation stays on its thread.
        Context = new CkksContext(choice.Create(), new CkksContextOptions { MaxDegreeOfParallelism = 1 });
        _evaluator = new Evaluator(Context);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        _inputLevel = Context.FirstContextData;
        var inputSize = model.Preprocessing.InputSize;
        Plan = new ModelPlan(
            ModelId: $"{model.Name}/throughput",
            Packing: Packing.Throughput,
            PolyModulusDegree: choice.PolyModulusDegree,
            CoeffModulusBits: choice.CoeffModulusBits,
            EncryptionParameters: Context.Parameters.Save(),
            InputScale: Math.Pow(2, CkksPlanner.ScaleBits),
            InputLevel: _inputLevel.ChainIndex,
            Depth: _network.Depth,
            NeedsRelinKeys: _network.Stages.Count > 0,
            RotationSteps: [],
            InputCiphertextsPerUnit: _network.InputCount,
            ImagesPerUnit: Context.SlotCount,
            OutputCiphertextsPerUnit: _network.OutputCount,
            Layout: $"input: {_network.InputCount} ciphertexts, ciphertext i = preprocessed pixel i (row-major {inputSize}×{inputSize}), " +
                    $"slot j = image j (up to {Context.SlotCount}); output: {_network.OutputCount} ciphertexts, ciphertext c slot j = logit c of image j",
            ImageSize: inputSize,
            ClassNames: model.ClassNames.ToArray())
        {
            Preprocessing = model.Preprocessing,
            Decision = model.Decision,
        };
    }

    /// <inheritdoc/>
    public ModelPlan Plan { get; }

    /// <inheritdoc/>
    public CkksContext Context { get; }

    /// <summary>Non-zero weights per stage, for cost reports: the first map, then (square, linear) per stage.</summary>
    public IReadOnlyList<int> NonZeroWeights =>
        [_network.First.NonZeros, .. _network.Stages.SelectMany(s => new[] { s.Square.NonZeros, s.Linear.NonZeros })];

    /// <inheritdoc/>
    public EvaluationKeys LoadKeys(ReadOnlyMemory<byte>? relinKeys, ReadOnlyMemory<byte>? galoisKeys)
    {
        RelinKeys? relin = null;
        if (Plan.NeedsRelinKeys)
        {
            if (relinKeys is null)
            {
                throw new ArgumentException($"model {Plan.ModelId} needs relinearization keys", nameof(relinKeys));
            }

            relin = RelinKeys.Load(Context, relinKeys.Value);
            if (!relin.HasKey(2))
            {
                throw new ArgumentException("the relinearization keys do not include the key for s²", nameof(relinKeys));
            }
        }

        // The throughput packing never rotates: Galois keys, if sent, are not needed and not kept.
        return new EvaluationKeys(relin, null);
    }

    /// <summary>The plaintext reference of exactly what <see cref="Evaluate"/> computes, for one image.</summary>
    public double[] EvaluatePlain(ReadOnlySpan<double> image) => _network.Evaluate(image);
}
