using System.Globalization;
using System.Net;
using System.Web;

namespace IcedServerless.Client;

/// <summary>Uploads and downloads by link: bulk data never goes through the API.</summary>
public sealed partial class ScoringClient
{
    /// <summary>
    /// Uploads bytes to a create-only link (<c>If-None-Match: *</c>, as a block blob), retrying transient failures.
    /// A blob that already exists is not an error: an earlier attempt whose answer was lost, or an interrupted run,
    /// put it there (links are per unit), so the unit is reported as <see cref="UploadOutcome.AlreadyPresent"/>.
    /// </summary>
    /// <param name="link">The link.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>Whether this call wrote the blob or found it there.</returns>
    /// <exception cref="ScoringApiException">The store refused (an expired link or one for another blob: 403).</exception>
    /// <exception cref="ScoringServiceUnavailableException">The store could not be reached.</exception>
    public async Task<UploadOutcome> UploadAsync(Uri link, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var attempt = 0;
        using var response = await _transport.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ReadOnlyMemoryContent(content) };
                request.Headers.TryAddWithoutValidation("If-None-Match", "*");
                request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
                return request;
            },
            idempotent: true, link, n => attempt = n, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.Created => UploadOutcome.Uploaded,
            HttpStatusCode.Conflict => UploadOutcome.AlreadyPresent,

            // Azure refuses a create-only (sp=c) link on an existing blob with 403 rather than 409. After an attempt
            // whose answer was lost, and while the link is still valid, that 403 can only mean the blob landed.
            HttpStatusCode.Forbidden when attempt > 1 && LinkValid(link) => UploadOutcome.AlreadyPresent,
            var status => throw new ScoringApiException(
                (int)status, null,
                $"The upload to {link.GetLeftPart(UriPartial.Path)} was refused with {(int)status} {response.ReasonPhrase}."
                + (status == HttpStatusCode.Forbidden ? " The link may have expired: get fresh links for the missing units (RenewUploadsAsync, or resume the job)." : string.Empty)),
        };
    }

    /// <summary>Downloads the bytes behind a read link, retrying transient failures.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ScoringApiException">The store refused.</exception>
    /// <exception cref="ScoringServiceUnavailableException">The store could not be reached.</exception>
    public async Task<byte[]> DownloadAsync(Uri link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, link), idempotent: true, link, null, cancellationToken)
            .ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)
            : throw new ScoringApiException(
                (int)response.StatusCode, null,
                $"The download from {link.GetLeftPart(UriPartial.Path)} was refused with {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    /// <summary>Whether a SAS link's expiry (<c>se</c>) is still ahead; a link without one counts as valid.</summary>
    private static bool LinkValid(Uri link)
    {
        var se = HttpUtility.ParseQueryString(link.Query)["se"];
        return se is null
            || !DateTimeOffset.TryParse(se, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresOn)
            || expiresOn > DateTimeOffset.UtcNow;
    }
}
