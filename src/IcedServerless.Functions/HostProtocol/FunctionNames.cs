namespace IcedServerless.Functions.HostProtocol;

/// <summary>
/// The functions of the app: each is a folder with a <c>function.json</c>, and the Functions host invokes it with
/// <c>POST /{name}</c>. The queue names here must match the folders' <c>queueName</c> (a test checks it).
/// </summary>
public static class FunctionNames
{
    /// <summary>HTTP GET <c>api/models</c>.</summary>
    public const string ListModels = "ListModels";

    /// <summary>HTTP POST <c>api/keysets</c>.</summary>
    public const string RegisterKeys = "RegisterKeys";

    /// <summary>HTTP POST <c>api/jobs</c>.</summary>
    public const string CreateJob = "CreateJob";

    /// <summary>HTTP POST <c>api/jobs/{jobId}/submit</c>.</summary>
    public const string SubmitJob = "SubmitJob";

    /// <summary>HTTP POST <c>api/jobs/{jobId}/uploads</c>: present units and fresh links for the missing ones.</summary>
    public const string RenewUploads = "RenewUploads";

    /// <summary>HTTP GET <c>api/jobs/{jobId}</c>.</summary>
    public const string JobStatus = "JobStatus";

    /// <summary>Queue trigger on <see cref="ShardQueue"/>: scores one shard.</summary>
    public const string ScoreShard = "ScoreShard";

    /// <summary>Queue trigger on <see cref="PoisonQueue"/>: fails the shard's job.</summary>
    public const string MarkPoisoned = "MarkPoisoned";

    /// <summary>The queue of shard messages.</summary>
    public const string ShardQueue = "score-shards";

    /// <summary>Where the host moves shard messages that failed <c>maxDequeueCount</c> times.</summary>
    public const string PoisonQueue = ShardQueue + "-poison";

    /// <summary>The HTTP route prefix (host.json <c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";
}
