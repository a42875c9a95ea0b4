namespace IcedServerless.Model.Layers;

/// <summary>Deep copies of layers: same type, hyper-parameters, parameters and state.</summary>
public static class LayerCopy
{
    /// <summary>Copies <paramref name="layer"/>.</summary>
    /// <param name="layer">The layer to copy.</param>
    /// <returns>An independent layer with equal values.</returns>
    public static Layer Clone(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Layer copy = layer switch
        {
            Conv2d c => new Conv2d(c.Name, c.InputShape, c.OutputShape.Channels, c.KernelSize, c.Stride, c.Padding),
            Dense d => new Dense(d.Name, d.InputShape, d.OutputShape.Size),
            AvgPool2d p => new AvgPool2d(p.Name, p.InputShape, p.KernelSize, p.Stride),
            Flatten f => new Flatten(f.Name, f.InputShape),
            BatchNorm b => new BatchNorm(b.Name, b.InputShape, b.Momentum, b.Epsilon),
            PolyActivation a => new PolyActivation(a.Name, a.InputShape, a.PerChannel) { Bound = a.Bound, BoundPenalty = a.BoundPenalty },
            _ => throw new ArgumentException($"Unknown layer type {layer.GetType().Name}.", nameof(layer)),
        };

        for (int i = 0; i < layer.Parameters.Count; i++)
        {
            layer.Parameters[i].Value.CopyTo(copy.Parameters[i].Value, 0);
        }

        for (int i = 0; i < layer.State.Count; i++)
        {
            layer.State[i].CopyTo(copy.State[i], 0);
        }

        return copy;
    }
}
