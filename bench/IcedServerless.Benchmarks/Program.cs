using BenchmarkDotNet.Running;

// Runs the BenchmarkDotNet suites in this assembly. Examples:
//   dotnet run -c Release --project bench/IcedServerless.Benchmarks -- --filter '*Ntt*'
//   dotnet run -c Release --project bench/IcedServerless.Benchmarks -- --list flat
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
