using IcedServerless.Model;
using IcedServerless.Model.Layers;

namespace IcedServerless.Inference.Tests;

/// <summary>Small networks with the released architecture's shape (conv → act → dense → act → dense).</summary>
internal static class TestNetworks
{
    public static Sequential Small(ulong seed, bool perChannel = true, bool hidden = true)
    {
        var input = new TensorShape(1, 8, 8);
        var conv = new Conv2d("conv", input, 2, 3, 2, 1);
        var act1 = new PolyActivation("act1", conv.OutputShape, perChannel);
        var flat = new Flatten("flat", conv.OutputShape);
        List<Layer> layers = [conv, act1, flat];
        if (hidden)
        {
            var dense1 = new Dense("dense1", flat.OutputShape, 4);
            var act2 = new PolyActivation("act2", dense1.OutputShape, perChannel);
            layers.AddRange([dense1, act2, new Dense("out", act2.OutputShape, 2)]);
        }
        else
        {
            layers.Add(new Dense("out", flat.OutputShape, 2));
        }

        var network = new Sequential(input, layers);
        network.Initialize(new DeterministicRandom(seed));
        var random = new Random((int)seed);
        foreach (var poly in layers.OfType<PolyActivation>())
        {
            for (var k = 0; k < poly.A.Value.Length; k++)
            {
                poly.A.Value[k] = 0.1 + (0.2 * random.NextDouble());
                poly.B.Value[k] = 0.5 + random.NextDouble();
                poly.C.Value[k] = random.NextDouble() - 0.5;
            }
        }

        return network;
    }

    public static double[] RandomImage(Random random, int size) =>
        Enumerable.Range(0, size).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
}
