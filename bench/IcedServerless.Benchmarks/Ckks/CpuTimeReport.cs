using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using IcedServerless.Ckks;

namespace IcedServerless.Benchmarks.Ckks;

/// <summary>
/// A quick profile of the CKKS operations in thread CPU time, single-threaded (MaxDegreeOfParallelism = 1), so the
/// numbers hold on a machine shared with other jobs where wall-clock time mostly measures the neighbours. Prints the
/// median CPU time per call and the bytes allocated per call. Run:
/// <c>dotnet run -c Release --project bench/IcedServerless.Benchmarks -- cputime [8192|16384 ...] [--only Name,Name]</c>
/// (operation names as printed, matched by prefix).
/// </summary>
internal static partial class CpuTimeReport
{
    private const int Batches = 15;
    private static readonly TimeSpan s_batchBudget = TimeSpan.FromMilliseconds(60);

    public static string Run(IReadOnlyList<int> degrees, IReadOnlyList<string> only)
    {
        var report = new StringBuilder();
        report.AppendLine("| N | operation | median CPU µs/call | allocated bytes/call |");
        report.AppendLine("| --- | --- | ---: | ---: |");
        foreach (var n in degrees)
        {
            var setup = new CkksOperationBenchmarks { N = n, MaxDegreeOfParallelism = 1 };
            setup.Setup();
            foreach (var (name, op) in setup.Operations())
            {
                if (only.Count > 0 && !only.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    continue;
                }

                var (micros, bytes) = Measure(op);
                report.AppendLine(CultureInfo.InvariantCulture, $"| {n} | {name} | {micros:F1} | {bytes:N0} |");
                Console.Error.WriteLine($"N={n} {name}: {micros:F1} us CPU, {bytes:N0} B allocated");
            }
        }

        return report.ToString();
    }

    private static (double Micros, long Bytes) Measure(Action op)
    {
        // Warm up through the JIT tiers (tiered PGO recompiles hot methods after ~30 calls and a delay).
        var warm = ThreadCpuNanos();
        for (var i = 0; i < 40 || ThreadCpuNanos() - warm < 300_000_000; i++)
        {
            op();
        }

        var perCall = new List<double>();
        long bytes = 0;
        for (var b = 0; b < Batches; b++)
        {
            var calls = 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = ThreadCpuNanos();
            long elapsed;
            do
            {
                op();
                calls++;
                elapsed = ThreadCpuNanos() - start;
            }
            while (elapsed < s_batchBudget.Ticks * 100);

            bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / calls;
            perCall.Add(elapsed / 1000.0 / calls);
        }

        perCall.Sort();
        return (perCall[perCall.Count / 2], bytes);
    }

    private static long ThreadCpuNanos()
    {
        const int ClockThreadCpuTimeId = 3;
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);
}
