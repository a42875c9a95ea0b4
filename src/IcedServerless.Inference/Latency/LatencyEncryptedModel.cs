using IcedServerless.Ckks;
using IcedServerless.Ckks.Ring;
using IcedServerless.Inference.Lowering;
using IcedServerless.Inference.Planning;
using IcedServerless.Model;

namespace IcedServerless.Inference.Latency;

/// <summary>
/// A classifier evaluated in the latency packing: one image per unit. The first layer runs on a client-side gather
/// (plaintext products, no rotations but a 2-step fold); each (square, dense) stage runs by the hybrid diagonal
/// method with power-of-two baby steps, one relinearization and a rotate-and-sum. Needs relinearization keys and
/// Galois keys for the plan's (power-of-two) rotation steps.
/// </summary>
public sealed partial class LatencyEncryptedModel : IEncryptedModel
{
    private readonly LoweredNetwork _network;
    private readonly LatencyLayout _layout;
    private readonly Evaluator _evaluator;
    private readonly ContextData _inputLevel;
    private readonly double _inputScale;
    private readonly Lazy<CompiledPlaintexts> _plaintexts;
    private readonly ulong[] _galoisElements;

    /// <summary>
    /// Plans <paramref name="model"/> for the latency packing. The plaintexts the evaluation multiplies by are encoded
    /// on the first <see cref="Evaluate"/>, not here: encoding them is most of the compile time, and a service lists
    /// every plan at start-up but may never score with a given model on a given instance.
    /// </summary>
    /// <param name="model">The released classifier.</param>
    /// <param name="maxDegreeOfParallelism">Cores one CKKS operation may use (-1: all).</param>
    public LatencyEncryptedModel(ClassifierModel model, int maxDegreeOfParallelism = -1)
        : this(model, LoweredNetwork.Lower((model ?? throw new ArgumentNullException(nameof(model))).Network), maxDegreeOfParallelism)
    {
    }

    /// <summary>Plans <paramref name="model"/> from its already lowered network (shared between packings).</summary>
    internal LatencyEncryptedModel(ClassifierModel model, LoweredNetwork network, int maxDegreeOfParallelism)
    {
        _network = network;
        var probe = new LatencyLayout(_network, 32768 / 2);
        var minimumSlots = Math.Max(probe.BlockSize, probe.Stages.Count == 0 ? 1 : probe.Stages.Max(s => s.Window));
        var choice = CkksPlanner.Choose(_network.Depth, minimumSlots);
        Context = new CkksContext(choice.Create(), new CkksContextOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism });
        _evaluator = new Evaluator(Context);
        _inputLevel = Context.FirstContextData;
        _layout = new LatencyLayout(_network, Context.SlotCount);
        _inputScale = Math.Pow(2, CkksPlanner.ScaleBits);
        var gather = BuildGather();
        _plaintexts = new Lazy<CompiledPlaintexts>(BuildPlaintexts, LazyThreadSafetyMode.ExecutionAndPublication);
        var steps = _layout.RotationSteps().ToArray();
        _galoisElements = steps.Select(s => Galois.ElementFromStep(s, Context.PolyModulusDegree)).ToArray();

        var inputSize = model.Preprocessing.InputSize;
        Plan = new ModelPlan(
            ModelId: $"{model.Name}/latency",
            Packing: Packing.Latency,
            PolyModulusDegree: choice.PolyModulusDegree,
            CoeffModulusBits: choice.CoeffModulusBits,
            EncryptionParameters: Context.Parameters.Save(),
            InputScale: _inputScale,
            InputLevel: _inputLevel.ChainIndex,
            Depth: _network.Depth,
            NeedsRelinKeys: _network.Stages.Count > 0,
            RotationSteps: steps,
            InputCiphertextsPerUnit: _layout.InputCiphertexts,
            ImagesPerUnit: 1,
            OutputCiphertextsPerUnit: 1,
            Layout: $"input: one image ({inputSize}×{inputSize}) as {_layout.InputCiphertexts} ciphertexts holding the first layer's gather " +
                    $"({_layout.Terms} terms × {_layout.Rows} rows in blocks of {_layout.BlockSize} slots; see InputGather); " +
                    $"output: 1 ciphertext, slot c = logit c",
            ImageSize: inputSize,
            ClassNames: model.ClassNames.ToArray())
        {
            InputGather = gather,
            GatherRows = _layout.Rows,
            GatherBlockSize = _layout.BlockSize,
            Preprocessing = model.Preprocessing,
            Decision = model.Decision,
        };
    }

    /// <inheritdoc/>
    public ModelPlan Plan { get; }

    /// <inheritdoc/>
    public CkksContext Context { get; }

    /// <summary>Rotations one evaluation performs.</summary>
    public int RotationCount =>
        (int)Math.Log2(_layout.BlocksPerCiphertext) +
        _layout.Stages.Sum(s => (s.OutputsPadded - 1) + (int)Math.Log2(s.Window / s.OutputsPadded));

    /// <inheritdoc/>
    public EvaluationKeys LoadKeys(ReadOnlyMemory<byte>? relinKeys, ReadOnlyMemory<byte>? galoisKeys)
    {
        if (relinKeys is null || galoisKeys is null)
        {
            throw new ArgumentException($"model {Plan.ModelId} needs relinearization keys and Galois keys for steps [{string.Join(", ", Plan.RotationSteps)}]");
        }

        var relin = RelinKeys.Load(Context, relinKeys.Value);
        if (!relin.HasKey(2))
        {
            throw new ArgumentException("the relinearization keys do not include the key for s²", nameof(relinKeys));
        }

        var galois = GaloisKeys.Load(Context, galoisKeys.Value);
        var missing = Plan.RotationSteps.Where((_, i) => !galois.HasKey(_galoisElements[i])).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"the Galois keys lack rotation steps [{string.Join(", ", missing)}]", nameof(galoisKeys));
        }

        return new EvaluationKeys(relin, galois);
    }

    /// <summary>The plaintext reference of exactly what <see cref="Evaluate"/> computes.</summary>
    public double[] EvaluatePlain(ReadOnlySpan<double> image) => _network.Evaluate(image);

    /// <summary>True once the evaluation's plaintexts are encoded (the first <see cref="Evaluate"/> does it).</summary>
    internal bool PlaintextsEncoded => _plaintexts.IsValueCreated;

    /// <summary>Every plaintext the evaluation multiplies by: the first layer's weights and bias, then each stage's.</summary>
    private sealed record CompiledPlaintexts(Plaintext[] FirstWeights, Plaintext FirstBias, StagePlaintexts[] Stages);

    /// <summary>Plaintexts of one stage, at its level: diagonals (null when all-zero) and the constant vector.</summary>
    private sealed record StagePlaintexts(Plaintext?[] Square, Plaintext?[] Linear, Plaintext Constant, double TargetScale, StageGeometry Geometry);
}
