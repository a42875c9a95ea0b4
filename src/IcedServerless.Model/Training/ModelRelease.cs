using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Data;
using IcedServerless.Model.Inference;
using IcedServerless.Model.Layers;
using IcedServerless.Model.Metrics;

namespace IcedServerless.Model.Training;

/// <summary>
/// The release pipeline behind <c>iced train</c>: load the archive, derive the normalisation from the training
/// pixels, train, fold batch-norm, choose the decision threshold on validation, measure activation ranges on the
/// training split, and compute metrics on the full validation and test splits.
/// </summary>
public static class ModelRelease
{
    /// <summary>The largest multiplicative depth a released network may have.</summary>
    public const int MaxDepth = 5;

    /// <summary>Trains and packages a model from the archive at <paramref name="dataPath"/>.</summary>
    /// <param name="recipe">The recipe.</param>
    /// <param name="dataPath">The MedMNIST-layout archive.</param>
    /// <param name="options">The hyper-parameters (normally the recipe's, perhaps with another seed or epoch count).</param>
    /// <param name="command">The command line, recorded in the model file.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellationToken">Cancels loading and training.</param>
    /// <returns>The released model and the training history.</returns>
    public static async Task<(ClassifierModel Model, TrainingResult Result)> TrainAsync(TrainingRecipe recipe, string dataPath, TrainingOptions options,
        string command, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var data = await MedMnistLoader.LoadAsync(dataPath, recipe.ClassNames.Count, cancellationToken).ConfigureAwait(false);
        return Train(recipe, data, options, command, progress, cancellationToken);
    }

    /// <summary>Trains and packages a model from already loaded splits.</summary>
    /// <param name="recipe">The recipe.</param>
    /// <param name="data">The splits.</param>
    /// <param name="options">The hyper-parameters.</param>
    /// <param name="command">The command line, recorded in the model file.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <returns>The released model and the training history.</returns>
    /// <exception cref="ArgumentException">The images do not have the recipe's size.</exception>
    /// <exception cref="InvalidOperationException">The network exceeds the CKKS depth budget.</exception>
    public static (ClassifierModel Model, TrainingResult Result) Train(TrainingRecipe recipe, SplitDatasets data, TrainingOptions options,
        string command, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.Train.ImageSize != recipe.InputSize)
        {
            throw new ArgumentException($"Recipe '{recipe.Id}' takes {recipe.InputSize}×{recipe.InputSize} images; the archive holds {data.Train.ImageSize}×{data.Train.ImageSize}.");
        }

        var (mean, std) = data.Train.PixelStatistics();
        var spec = new PreprocessingSpec { InputSize = recipe.InputSize, Mean = mean, Std = std };
        var network = recipe.Architecture.Build(recipe.InputSize, recipe.ClassNames.Count);
        if (network.MultiplicativeDepth > MaxDepth)
        {
            throw new InvalidOperationException($"The architecture has depth {network.MultiplicativeDepth}; the CKKS budget is {MaxDepth}.");
        }

        var result = new Trainer(network, options).Train(data.Train, data.Validation, spec, progress, cancellationToken);
        var folded = BatchNormFolding.Fold(network);
        var decision = ChooseDecision(folded, data.Validation, spec, recipe.ClassNames.Count);
        var bounds = MeasureActivationBounds(folded, data.Train, spec, options.ActivationBound);
        var model = new ClassifierModel
        {
            Name = recipe.ModelName,
            Description = recipe.Description,
            ClassNames = recipe.ClassNames,
            Preprocessing = spec,
            Network = folded,
            Decision = decision,
            ActivationBounds = bounds,
            DataCard = recipe.DataCard with
            {
                Sha256 = data.Sha256,
                ClassCounts = new SplitClassCounts(data.Train.ClassCounts(), data.Validation.ClassCounts(), data.Test.ClassCounts()),
            },
            Training = new TrainingRecord
            {
                Recipe = recipe.Id,
                Command = command,
                Options = options,
                BestEpoch = result.BestEpoch,
                EpochsRun = result.EpochsRun,
                BestValidationAuc = result.BestValidationAuc,
            },
            Metrics = new ReleaseMetrics(
                Evaluate(folded, data.Validation, spec, recipe.ClassNames, decision),
                Evaluate(folded, data.Test, spec, recipe.ClassNames, decision)),
        };
        return (model, result);
    }

    private static ClassificationMetrics Evaluate(Sequential network, ImageDataset data, PreprocessingSpec spec, IReadOnlyList<string> classNames, DecisionRule decision) =>
        ClassificationMetrics.Compute(BatchPredictor.Predict(network, data, spec), data.Labels, classNames, decision);

    /// <summary>
    /// Two classes: the positive-class threshold from validation (one-standard-error Youden rule). More classes: argmax.
    /// </summary>
    private static DecisionRule ChooseDecision(Sequential network, ImageDataset validation, PreprocessingSpec spec, int classCount)
    {
        if (classCount != 2)
        {
            return DecisionRule.Argmax;
        }

        var probabilities = BatchPredictor.Predict(network, validation, spec);
        var scores = new double[validation.Count];
        var positive = new bool[validation.Count];
        for (int s = 0; s < scores.Length; s++)
        {
            scores[s] = probabilities[(2 * s) + 1];
            positive[s] = validation.Labels[s] == 1;
        }

        return DecisionRule.ForThreshold(1, ThresholdSelector.SelectOnValidation(scores, positive), ThresholdSelector.OneStandardErrorYouden);
    }

    /// <summary>The largest |input| of every polynomial activation over <paramref name="data"/>.</summary>
    /// <param name="network">The (folded) network.</param>
    /// <param name="data">The images (normally the training split, without augmentation).</param>
    /// <param name="spec">The preprocessing.</param>
    /// <param name="trainingBound">The bound training penalised beyond.</param>
    /// <returns>One bound per activation, in layer order.</returns>
    public static ActivationBound[] MeasureActivationBounds(Sequential network, ImageDataset data, PreprocessingSpec spec, double trainingBound)
    {
        ArgumentNullException.ThrowIfNull(network);
        var activations = network.Layers.OfType<PolyActivation>().ToArray();
        foreach (var act in activations)
        {
            act.TrackInputRange = true;
            act.MaxAbsInput = 0;
        }

        BatchPredictor.Predict(network, data, spec);
        foreach (var act in activations)
        {
            act.TrackInputRange = false;
        }

        return [.. activations.Select(a => new ActivationBound(a.Name, a.MaxAbsInput, trainingBound))];
    }
}
