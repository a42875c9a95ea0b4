using System.Globalization;

namespace IcedServerless.PipelineBench;

/// <summary>Prints a run as a markdown table.</summary>
internal static class Report
{
    public static void Print(PipelineRun run, string workload, string store, int unitsPerShard)
    {
        var scoring = run.Server.ScoreMs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pipeline end to end: {workload}; {run.Units} units ({run.UploadBytes / 1048576.0:0.#} MiB uploaded) in {run.Shards} shards ({unitsPerShard} per shard), {store}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Console.WriteLine();
        Console.WriteLine("| stage | ms | ms/unit | % of scoring |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Row("client: encrypt (not part of the pipeline)", run.EncryptMs);
        Row("client: upload by link", run.UploadMs);
        Row("submit → succeeded (wall)", run.ProcessingMs);
        Row("  scoring (homomorphic evaluation)", scoring);
        Row("  server: download + parse inputs", run.Server.DownloadMs);
        Row("  server: serialize + write results", run.Server.UploadMs);
        Row("  queue wait + bookkeeping", run.QueueAndBookkeepingMs);
        Row("client: download results by link", run.DownloadMs);
        Row("end to end (upload + processing + download)", run.UploadMs + run.ProcessingMs + run.DownloadMs);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pipeline overhead (processing wall − scoring): {run.OverheadMs:0} ms = {100 * run.OverheadMs / scoring:0.0}% of scoring. Max |decrypted − plaintext| = {run.MaxError:E1}; {run.Check}."));

        void Row(string name, double ms) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {ms:0} | {ms / run.Units:0.0} | {100 * ms / scoring:0.0} |"));
    }
}
