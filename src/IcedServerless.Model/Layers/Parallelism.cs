namespace IcedServerless.Model.Layers;

/// <summary>
/// Deterministic parallel loops. Every index writes its own disjoint outputs and reduces its inputs in a fixed
/// order, so results are bit-identical whatever the degree of parallelism.
/// </summary>
public static class Parallelism
{
    private static int s_degree = Environment.ProcessorCount;

    /// <summary>The number of threads layer loops may use (default: the processor count).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int Degree
    {
        get => s_degree;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_degree = value;
        }
    }

    /// <summary>Runs <paramref name="body"/> for every index in <c>[0, count)</c>.</summary>
    /// <param name="count">The number of independent work items.</param>
    /// <param name="body">Work for one index; must only write outputs owned by that index.</param>
    public static void For(int count, Action<int> body)
    {
        if (s_degree == 1 || count < 2)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = s_degree }, body);
    }
}
