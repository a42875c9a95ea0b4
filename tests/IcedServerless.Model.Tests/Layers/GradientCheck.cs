using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Tests.Layers;

/// <summary>
/// Compares a layer's analytic gradients with central finite differences of the scalar loss
/// L = Σ r_i · y_i (fixed random r), for the input and every parameter.
/// </summary>
internal static class GradientCheck
{
    private const double Step = 1e-6;

    public static void Verify(Layer layer, int batch, bool training = true, double tolerance = 1e-6, ulong seed = 7)
    {
        var random = new DeterministicRandom(seed);
        var input = Random(random, batch * layer.InputShape.Size, 1.5);
        var weights = Random(random, batch * layer.OutputShape.Size, 1.0);

        double Loss()
        {
            var output = new double[batch * layer.OutputShape.Size];
            layer.Forward(input, output, batch, training);
            double sum = 0;
            for (int i = 0; i < output.Length; i++)
            {
                sum += weights[i] * output[i];
            }

            return sum + (layer is PolyActivation p ? p.LastPenalty : 0);
        }

        Loss();
        var inputGradient = new double[input.Length];
        layer.Backward(input, weights, inputGradient, batch);
        var parameterGradients = layer.Parameters.Select(p => (double[])p.Gradient.Clone()).ToArray();

        CheckNumeric(input, inputGradient, Loss, "input", tolerance);
        for (int k = 0; k < layer.Parameters.Count; k++)
        {
            CheckNumeric(layer.Parameters[k].Value, parameterGradients[k], Loss, layer.Parameters[k].Name, tolerance);
        }
    }

    private static void CheckNumeric(double[] values, double[] analytic, Func<double> loss, string what, double tolerance)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double saved = values[i];
            values[i] = saved + Step;
            double plus = loss();
            values[i] = saved - Step;
            double minus = loss();
            values[i] = saved;
            double numeric = (plus - minus) / (2 * Step);
            double scale = Math.Max(1, Math.Abs(numeric));
            Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance * scale,
                $"d loss / d {what}[{i}]: analytic {analytic[i]:R}, numeric {numeric:R}");
        }
    }

    public static double[] Random(DeterministicRandom random, int count, double scale)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextDouble(-scale, scale);
        }

        return values;
    }
}
