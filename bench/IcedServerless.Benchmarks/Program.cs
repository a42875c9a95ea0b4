using BenchmarkDotNet.Running;
using IcedServerless.Benchmarks.Ckks;

// BenchmarkDotNet suites, plus "precision" (the CKKS error table). Examples:
//   dotnet run -c Release --project bench/IcedServerless.Benchmarks -- --filter '*Ntt*'
//   dotnet run -c Release --project bench/IcedServerless.Benchmarks -- precision
if (args is ["precision", ..])
{
    Console.Write(PrecisionReport.Run());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
