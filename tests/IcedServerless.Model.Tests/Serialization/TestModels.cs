using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Inference;
using IcedServerless.Model.Training;

namespace IcedServerless.Model.Tests.Serialization;

/// <summary>Small, fully populated models for file-format tests.</summary>
internal static class TestModels
{
    public static ClassifierModel Binary(ulong seed = 1)
    {
        var net = BatchNormFolding.Fold(new CnnArchitecture { ConvChannels = 2, HiddenUnits = 3 }.Build(12, 2));
        net.Initialize(new DeterministicRandom(seed));
        var random = new DeterministicRandom(seed + 100);
        foreach (var p in net.Parameters)
        {
            for (int i = 0; i < p.Value.Length; i++)
            {
                p.Value[i] += random.NextDouble(-0.1, 0.1);
            }
        }

        return new ClassifierModel
        {
            Name = "test-binary",
            Description = "unit-test model",
            ClassNames = ["normal", "pneumonia"],
            Preprocessing = new PreprocessingSpec { InputSize = 12, Mean = 0.5, Std = 0.2 },
            Network = net,
            Decision = DecisionRule.ForThreshold(1, 0.4, "test"),
            ActivationBounds = [new ActivationBound("act1", 3.5, 8), new ActivationBound("act2", 2.25, 8)],
            DataCard = new DataCard { Dataset = "synthetic", Description = "d", Source = "s", License = "CC0", Caveats = ["none"] },
        };
    }
}
