using BenchmarkDotNet.Running;
using IcedServerless.Benchmarks.Ckks;
using IcedServerless.Benchmarks.Classifier;

// BenchmarkDotNet suites, plus "precision" (the CKKS error table) and "classifier" (encrypted inference). Examples:
//   dotnet run -c Release --project bench/IcedServerless.Benchmarks -- --filter '*Ntt*'
//   dotnet run -c Release --project bench/IcedServerless.Benchmarks -- precision
//   dotnet run -c Release --project bench/IcedServerless.Benchmarks -- classifier --model models/pneumoniamnist-28.model.json --data data/pneumoniamnist/pneumoniamnist_28.npz
//   dotnet run -c Release --project bench/IcedServerless.Benchmarks -- cputime 8192   (single-threaded CPU time)
if (args is ["precision", ..])
{
    Console.Write(PrecisionReport.Run());
    return 0;
}

if (args is ["classifier", ..])
{
    return await ClassifierBenchmark.RunAsync(args);
}

if (args is ["cputime", .. var rest])
{
    var onlyAt = Array.IndexOf(rest, "--only");
    var degrees = (onlyAt < 0 ? rest : rest[..onlyAt]).Select(int.Parse).ToArray();
    var only = onlyAt < 0 || onlyAt + 1 >= rest.Length ? [] : rest[onlyAt + 1].Split(',');
    Console.Write(CpuTimeReport.Run(degrees.Length == 0 ? [8192, 16384] : degrees, only));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
