using System.Diagnostics;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Data;
using IcedServerless.Model.Inference;
using IcedServerless.Model.Layers;
using IcedServerless.Model.Metrics;

namespace IcedServerless.Model.Training;

/// <summary>
/// Mini-batch training with AdamW, class-weighted cross-entropy, augmentation, a cosine learning-rate decay and
/// early stopping on the validation AUC. All randomness flows from <see cref="TrainingOptions.Seed"/> and all
/// reductions run in a fixed order, so a run is bit-reproducible.
/// </summary>
public sealed class Trainer
{
    private readonly Sequential _network;
    private readonly TrainingOptions _options;

    /// <summary>Creates a trainer for <paramref name="network"/>.</summary>
    /// <param name="network">The network; its input must be <c>[1, S, S]</c>.</param>
    /// <param name="options">The hyper-parameters.</param>
    public Trainer(Sequential network, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _network = network;
        _options = options;
    }

    /// <summary>Initialises the network from the seed and trains it; on return it holds the best epoch's weights.</summary>
    /// <param name="train">The training split.</param>
    /// <param name="validation">The validation split (early stopping).</param>
    /// <param name="spec">The preprocessing (normalisation) applied to every image.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <returns>The best epoch and the history.</returns>
    public TrainingResult Train(ImageDataset train, ImageDataset validation, PreprocessingSpec spec,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(spec);
        int classes = _network.OutputShape.Size, pixels = train.PixelsPerImage;
        if (train.ClassCount != classes || validation.ClassCount != classes)
        {
            throw new ArgumentException($"The network predicts {classes} classes but the data has {train.ClassCount}.");
        }

        // Independent streams, so that (say) changing the augmentation does not change the initial weights.
        var seeds = new DeterministicRandom(_options.Seed);
        var initRandom = new DeterministicRandom(seeds.NextUInt64());
        var shuffleRandom = new DeterministicRandom(seeds.NextUInt64());
        var augmentRandom = new DeterministicRandom(seeds.NextUInt64());
        _network.Initialize(initRandom);
        var activations = _network.Layers.OfType<PolyActivation>().ToArray();
        foreach (var act in activations)
        {
            act.Bound = _options.ActivationBound;
            act.BoundPenalty = _options.ActivationBoundPenalty;
        }

        var loss = _options.ClassWeighting ? WeightedCrossEntropy.Balanced(train.ClassCounts()) : WeightedCrossEntropy.Unweighted(classes);
        var optimizer = new AdamW(_network.Parameters);
        var augmenter = new Augmenter(_options.Augmentation);
        int batchSize = _options.BatchSize;
        var input = new double[batchSize * pixels];
        var scratch = new double[pixels];
        var labels = new int[batchSize];
        var gradient = new double[batchSize * classes];
        var order = Enumerable.Range(0, train.Count).ToArray();

        var history = new List<EpochReport>();
        var best = Snapshot();
        var average = _options.WeightAveraging > 0 ? Snapshot() : null;
        double bestAuc = double.NegativeInfinity;
        int bestEpoch = 0;
        var total = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= _options.MaxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double lr = LearningRate(epoch);
            shuffleRandom.Shuffle(order.AsSpan());
            double lossSum = 0, penaltySum = 0;
            int batches = 0;
            for (int start = 0; start + 2 <= train.Count; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(batchSize, train.Count - start);
                for (int i = 0; i < count; i++)
                {
                    int index = order[start + i];
                    labels[i] = train.Labels[index];
                    var destination = input.AsSpan(i * pixels, pixels);
                    if (_options.Augmentation.IsEnabled)
                    {
                        augmenter.Augment(train.Image(index), train.ImageSize, augmentRandom, scratch);
                        ImagePreprocessor.Normalize<double>(scratch, spec, destination);
                    }
                    else
                    {
                        ImagePreprocessor.Normalize(train.Image(index), spec, destination);
                    }
                }

                var logits = _network.Forward(input.AsMemory(0, count * pixels), count, training: true);
                lossSum += loss.Compute(logits.Span, labels.AsSpan(0, count), gradient);
                penaltySum += activations.Sum(a => a.LastPenalty);
                _network.Backward(gradient.AsMemory(0, count * classes), count);
                optimizer.ClipGradients(_options.GradientClipNorm);
                optimizer.Step(lr, _options.WeightDecay);
                if (average is not null)
                {
                    Accumulate(average, _options.WeightAveraging);
                }

                batches++;
            }

            // Validate (and keep) the averaged weights; the raw ones go back for the next epoch.
            var raw = average is null ? null : Snapshot();
            if (average is not null)
            {
                Restore(average);
            }

            var probabilities = BatchPredictor.Predict(_network, validation, spec);
            double auc = RocAuc.Summary(probabilities, validation.Labels, classes);
            bool improved = auc > bestAuc;
            if (improved)
            {
                bestAuc = auc;
                bestEpoch = epoch;
                best = Snapshot();
            }

            if (raw is not null)
            {
                Restore(raw);
            }

            double accuracy = Accuracy(probabilities, validation.Labels, classes);
            var report = new EpochReport(epoch, lr, lossSum / batches, penaltySum / batches, auc, accuracy, improved, clock.Elapsed);
            history.Add(report);
            progress?.Report(report);
            if (!double.IsFinite(report.TrainingLoss) || epoch - bestEpoch >= _options.Patience)
            {
                break;
            }
        }

        Restore(best);
        return new TrainingResult(bestEpoch, bestAuc, history.Count, history, total.Elapsed);
    }

    private static double Accuracy(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classes)
    {
        int correct = 0;
        for (int s = 0; s < labels.Length; s++)
        {
            correct += Calibration.TopClass(probabilities.Slice(s * classes, classes)) == labels[s] ? 1 : 0;
        }

        return (double)correct / labels.Length;
    }

    private double LearningRate(int epoch)
    {
        double progress = (epoch - 1) / (double)Math.Max(1, _options.MaxEpochs - 1);
        double min = _options.MinLearningRateFactor;
        return _options.LearningRate * (min + ((1 - min) * 0.5 * (1 + Math.Cos(Math.PI * progress))));
    }

    private IEnumerable<double[]> Tensors() => _network.Parameters.Select(p => p.Value).Concat(_network.Layers.SelectMany(l => l.State));

    private void Accumulate(double[][] average, double decay)
    {
        int i = 0;
        foreach (var current in Tensors())
        {
            var avg = average[i++];
            for (int j = 0; j < avg.Length; j++)
            {
                avg[j] = (decay * avg[j]) + ((1 - decay) * current[j]);
            }
        }
    }

    private double[][] Snapshot() => [.. Tensors().Select(t => (double[])t.Clone())];

    private void Restore(double[][] snapshot)
    {
        int i = 0;
        foreach (var target in Tensors())
        {
            snapshot[i++].CopyTo(target, 0);
        }
    }
}
