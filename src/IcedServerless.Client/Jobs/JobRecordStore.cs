using System.Text.Json;

namespace IcedServerless.Client.Jobs;

/// <summary>Job records as <c>jobs/&lt;jobId&gt;.json</c> under the client's home, each written atomically.</summary>
public sealed class JobRecordStore
{
    private const long MaxRecordBytes = 16 << 20;

    /// <summary>Creates the store over <paramref name="home"/> (see <see cref="IcedHome.Resolve"/>).</summary>
    /// <param name="home">The client's home folder.</param>
    public JobRecordStore(string home)
    {
        ArgumentException.ThrowIfNullOrEmpty(home);
        Directory = IcedHome.JobsDirectory(home);
    }

    /// <summary>The folder holding the records.</summary>
    public string Directory { get; }

    /// <summary>Writes (or replaces) a record atomically.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public async Task SaveAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = PathOf(record.JobId);
        AtomicFile.CreateDirectory(Directory, ownerOnly: true);
        await AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(record, ClientJson.Options), ownerOnly: true, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Loads the record of <paramref name="jobId"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record.</returns>
    /// <exception cref="JobRecordNotFoundException">There is no record for this id here.</exception>
    /// <exception cref="JsonException">The record file is corrupt.</exception>
    public async Task<JobRecord> LoadAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var path = PathOf(jobId);
        if (!File.Exists(path))
        {
            throw new JobRecordNotFoundException(jobId, $"There is no record of job {jobId} in {Directory}; check the id (iced jobs are listed there) or ICED_HOME.");
        }

        var bytes = await AtomicFile.ReadBoundedAsync(path, MaxRecordBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"The job record {path} is larger than {MaxRecordBytes} bytes.");
        var record = JsonSerializer.Deserialize<JobRecord>(bytes, ClientJson.Options) ?? throw new JsonException($"The job record {path} is empty.");
        return record.JobId == jobId ? record : throw new JsonException($"The job record {path} is for job {record.JobId}.");
    }

    /// <summary>Every readable record, newest first (unreadable files are passed over).</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The records.</returns>
    public async Task<IReadOnlyList<JobRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var records = new List<JobRecord>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            if (!IcedHome.IsSafeSegment(id))
            {
                continue;
            }

            try
            {
                records.Add(await LoadAsync(id, cancellationToken).ConfigureAwait(false));
            }
            catch (JsonException)
            {
                // A damaged record must not hide the others; LoadAsync reports it when asked for by id.
            }
        }

        return [.. records.OrderByDescending(r => r.CreatedOn)];
    }

    private string PathOf(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        // The id becomes a file name: only safe characters, so it cannot point outside the folder.
        if (!IcedHome.IsSafeSegment(jobId) || jobId.Contains('.', StringComparison.Ordinal))
        {
            throw new JobRecordNotFoundException(jobId, $"'{jobId}' is not a job id (job ids are letters, digits, '-' and '_').");
        }

        return Path.Combine(Directory, jobId + ".json");
    }
}
