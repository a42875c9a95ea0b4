using System.Text.RegularExpressions;
using IcedServerless.Contracts;
using IcedServerless.Functions.Jobs;
using IcedServerless.Storage;

namespace IcedServerless.Functions.Api;

/// <summary>A job's unit blobs as the API sees them: which inputs landed (one listing), and links per unit.</summary>
internal static partial class JobInputs
{
    /// <summary>
    /// The length of every input unit that exists, by unit. One paged listing of the job's prefix (no download,
    /// no request per unit), so the cost is bounded by the job's unit count; names that are not units are ignored.
    /// </summary>
    public static async Task<Dictionary<int, long>> ListAsync(IBlobStore blobs, string container, JobManifest manifest, CancellationToken cancellationToken)
    {
        var lengths = new Dictionary<int, long>();
        var prefix = manifest.JobId + "/";
        string? token = null;
        do
        {
            var page = await blobs.ListBlobsAsync(container, prefix, token, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var blob in page.Items)
            {
                if (UnitName().Match(blob.Name[prefix.Length..]) is { Success: true } match && int.Parse(match.Groups[1].ValueSpan) is var unit && unit < manifest.Units)
                {
                    lengths[unit] = blob.Length;
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return lengths;
    }

    /// <summary>One link per unit, in the order given.</summary>
    public static async Task<IReadOnlyList<UnitLink>> LinksAsync(
        IBlobStore blobs, string container, string jobId, IEnumerable<int> units, BlobSasPermissions permissions, DateTimeOffset expiresOn,
        CancellationToken cancellationToken)
    {
        var links = new List<UnitLink>();
        foreach (var unit in units)
        {
            links.Add(new UnitLink(
                unit, await blobs.CreateSasUriAsync(container, JobRepository.UnitBlob(jobId, unit), permissions, expiresOn, cancellationToken).ConfigureAwait(false)));
        }

        return links;
    }

    [GeneratedRegex("^([0-9]{6})\\.bin$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitName();
}
