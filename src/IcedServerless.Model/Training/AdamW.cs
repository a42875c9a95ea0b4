using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Training;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter): <c>θ ← θ − lr·(m̂ / (√v̂ + ε) + λ·θ)</c>, the decay applied
/// only to parameters flagged for it. Gradients may first be clipped to a global L2 norm.
/// </summary>
public sealed class AdamW
{
    private readonly Parameter[] _parameters;
    private readonly double[][] _m;
    private readonly double[][] _v;
    private int _step;

    /// <summary>Creates the optimiser over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update, in a fixed order.</param>
    /// <param name="beta1">First-moment decay.</param>
    /// <param name="beta2">Second-moment decay.</param>
    /// <param name="epsilon">Denominator guard.</param>
    public AdamW(IEnumerable<Parameter> parameters, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        _m = [.. _parameters.Select(p => new double[p.Value.Length])];
        _v = [.. _parameters.Select(p => new double[p.Value.Length])];
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>Denominator guard.</summary>
    public double Epsilon { get; }

    /// <summary>Scales all gradients down so their global L2 norm is at most <paramref name="maxNorm"/>.</summary>
    /// <param name="maxNorm">The largest allowed norm; non-positive or infinite disables clipping.</param>
    /// <returns>The norm before clipping.</returns>
    public double ClipGradients(double maxNorm)
    {
        double squares = 0;
        foreach (var p in _parameters)
        {
            foreach (double g in p.Gradient)
            {
                squares += g * g;
            }
        }

        double norm = Math.Sqrt(squares);
        if (maxNorm > 0 && double.IsFinite(maxNorm) && norm > maxNorm)
        {
            double scale = maxNorm / norm;
            foreach (var p in _parameters)
            {
                foreach (ref double g in p.Gradient.AsSpan())
                {
                    g *= scale;
                }
            }
        }

        return norm;
    }

    /// <summary>Applies one update from the parameters' current gradients.</summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="weightDecay">The decoupled decay λ for flagged parameters.</param>
    public void Step(double learningRate, double weightDecay)
    {
        _step++;
        double c1 = 1 - Math.Pow(Beta1, _step), c2 = 1 - Math.Pow(Beta2, _step);
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            double decay = p.WeightDecay ? weightDecay : 0;
            var m = _m[i];
            var v = _v[i];
            for (int j = 0; j < m.Length; j++)
            {
                double g = p.Gradient[j];
                m[j] = (Beta1 * m[j]) + ((1 - Beta1) * g);
                v[j] = (Beta2 * v[j]) + ((1 - Beta2) * g * g);
                double update = (m[j] / c1) / (Math.Sqrt(v[j] / c2) + Epsilon);
                p.Value[j] -= learningRate * (update + (decay * p.Value[j]));
            }
        }
    }
}
