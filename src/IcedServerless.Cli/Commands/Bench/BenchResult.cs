using IcedServerless.Inference.Evaluation;

namespace IcedServerless.Cli.Commands.Bench;

/// <summary>The JSON result of <c>iced bench</c>: per-unit means in milliseconds, sizes in bytes.</summary>
internal sealed record BenchResult(
    string ModelId,
    int Images,
    int Units,
    int PolyModulusDegree,
    int ProcessorCount,
    double KeyGenerationMs,
    double EncryptionMsPerUnit,
    double LoadingMsPerUnit,
    double EvaluationMsPerUnit,
    double DecryptionMsPerUnit,
    double EvaluationMsPerImage,
    long RelinKeyBytes,
    long GaloisKeyBytes,
    long UploadBytesPerUnit,
    long DownloadBytesPerUnit,
    double DecisionAgreement,
    double ArgmaxAgreement,
    double MaxLogitError,
    long PeakWorkingSetBytes)
{
    public static BenchResult From(EncryptedEvaluationResult r)
    {
        double PerUnit(TimeSpan t) => t.TotalMilliseconds / r.Units;
        return new BenchResult(
            r.Plan.ModelId, r.Images, r.Units, r.Plan.PolyModulusDegree, Environment.ProcessorCount,
            r.Timings.KeyGeneration.TotalMilliseconds, PerUnit(r.Timings.Encryption), PerUnit(r.Timings.Loading),
            PerUnit(r.Timings.Evaluation), PerUnit(r.Timings.Decryption), r.Timings.Evaluation.TotalMilliseconds / r.Images,
            r.Sizes.RelinKeys, r.Sizes.GaloisKeys, r.Sizes.UploadPerUnit, r.Sizes.DownloadPerUnit,
            r.DecisionAgreement, r.ArgmaxAgreement, r.MaxLogitError, r.PeakWorkingSetBytes);
    }
}
