using IcedServerless.Client.Inputs;
using IcedServerless.Contracts;

namespace IcedServerless.Client.Jobs;

/// <summary>One unit of a job: its first image and how many images it holds.</summary>
/// <param name="Start">The first image.</param>
/// <param name="Count">Images in the unit.</param>
public sealed record UnitRange(int Start, int Count);

/// <summary>
/// What the client remembers about a job so an interrupted <c>score</c> can resume without re-uploading what landed:
/// where it runs, which keys and inputs it uses (with the inputs' fingerprint to check they are unchanged), its units
/// and which of them were uploaded.
/// </summary>
/// <param name="JobId">The service's job id.</param>
/// <param name="Endpoint">The service endpoint (<c>embedded</c> or a URL).</param>
/// <param name="ModelId">The model.</param>
/// <param name="KeyDirectory">The key set folder.</param>
/// <param name="KeySetId">The registered key set.</param>
/// <param name="InputPath">The folder or file the images came from.</param>
/// <param name="Split">The .npz split, when the input is an archive.</param>
/// <param name="InputFingerprint"><see cref="InputSet.Fingerprint"/> of the inputs.</param>
/// <param name="Images">How many images the inputs hold.</param>
/// <param name="Units">The job's units, in order.</param>
/// <param name="UnitsUploaded">Indices of the units whose upload completed, ascending.</param>
/// <param name="CreatedOn">When the job was created.</param>
/// <param name="ExpiresOn">When the service forgets it.</param>
/// <param name="State">The state last seen.</param>
public sealed record JobRecord(
    string JobId,
    string Endpoint,
    string ModelId,
    string KeyDirectory,
    string KeySetId,
    string InputPath,
    NpzSplit? Split,
    string InputFingerprint,
    int Images,
    IReadOnlyList<UnitRange> Units,
    IReadOnlyList<int> UnitsUploaded,
    DateTimeOffset CreatedOn,
    DateTimeOffset ExpiresOn,
    JobState State)
{
    /// <summary>The units still to upload.</summary>
    public IEnumerable<int> PendingUploads => Enumerable.Range(0, Units.Count).Except(UnitsUploaded);

    /// <summary>This record with <paramref name="unit"/> marked uploaded.</summary>
    /// <param name="unit">The unit index.</param>
    /// <returns>The updated record.</returns>
    public JobRecord WithUploaded(int unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, Units.Count);
        return UnitsUploaded.Contains(unit) ? this : this with { UnitsUploaded = [.. UnitsUploaded.Append(unit).Order()] };
    }
}
