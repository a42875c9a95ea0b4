using IcedServerless.Model.Metrics;

namespace IcedServerless.Inference.Evaluation;

/// <summary>Wall-clock time of each stage of an encrypted evaluation, summed over all units.</summary>
/// <param name="KeyGeneration">Client: secret, relinearization and Galois keys.</param>
/// <param name="Encryption">Client: preprocessing, packing, encoding, encryption and serialization.</param>
/// <param name="Loading">Service: loading and validating the uploaded ciphertexts.</param>
/// <param name="Evaluation">Service: the homomorphic evaluation.</param>
/// <param name="Decryption">Client: decryption, decoding and unpacking.</param>
public sealed record StageTimings(TimeSpan KeyGeneration, TimeSpan Encryption, TimeSpan Loading, TimeSpan Evaluation, TimeSpan Decryption);

/// <summary>Bytes that cross the wire.</summary>
/// <param name="RelinKeys">Seeded, zlib-compressed relinearization keys (once per key set).</param>
/// <param name="GaloisKeys">Seeded, zlib-compressed Galois keys (once per key set; 0 when not needed).</param>
/// <param name="UploadPerUnit">Seeded, zlib-compressed input ciphertexts of one unit.</param>
/// <param name="DownloadPerUnit">zlib-compressed output ciphertexts of one unit.</param>
public sealed record WireSizes(long RelinKeys, long GaloisKeys, long UploadPerUnit, long DownloadPerUnit);

/// <summary>What an encrypted evaluation of a labelled data set measured.</summary>
/// <param name="Plan">The plan evaluated.</param>
/// <param name="Images">Images scored.</param>
/// <param name="Units">Units evaluated.</param>
/// <param name="ArgmaxAgreement">Fraction of images whose encrypted and plaintext logits have the same argmax.</param>
/// <param name="DecisionAgreement">Fraction with the same diagnosis under the model's decision rule.</param>
/// <param name="MaxLogitError">Largest |encrypted − plaintext| logit.</param>
/// <param name="Encrypted">Metrics of the decrypted predictions.</param>
/// <param name="Plaintext">Metrics of the plaintext model on the same images.</param>
/// <param name="Timings">Time per stage.</param>
/// <param name="Sizes">Bytes on the wire.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set after the run.</param>
public sealed record EncryptedEvaluationResult(
    ModelPlan Plan,
    int Images,
    int Units,
    double ArgmaxAgreement,
    double DecisionAgreement,
    double MaxLogitError,
    ClassificationMetrics Encrypted,
    ClassificationMetrics Plaintext,
    StageTimings Timings,
    WireSizes Sizes,
    long PeakWorkingSetBytes);
