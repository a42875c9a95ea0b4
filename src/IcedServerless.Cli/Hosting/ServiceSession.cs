using System.Net;
using IcedServerless.Client;
using IcedServerless.Functions;
using Microsoft.AspNetCore.Builder;

namespace IcedServerless.Cli.Hosting;

/// <summary>
/// A connection to the scoring service for one command: a <see cref="ScoringClient"/> for a remote URL, or for the
/// real Functions app started in this process on the embedded store (stopped on dispose).
/// </summary>
internal sealed class ServiceSession : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly WebApplication? _app;

    private ServiceSession(HttpClient http, Uri baseUri, string? functionKey, WebApplication? app, string description)
    {
        _http = http;
        _app = app;
        BaseUri = baseUri;
        Description = description;
        Client = new ScoringClient(http, baseUri, functionKey);
    }

    public ScoringClient Client { get; }

    /// <summary>The service's base URL (a loopback port for the embedded service).</summary>
    public Uri BaseUri { get; }

    /// <summary>For messages: "embedded store at …" or the URL.</summary>
    public string Description { get; }

    public bool IsEmbedded => _app is not null;

    public static async Task<ServiceSession> OpenAsync(CliContext context, bool queueListener, CancellationToken cancellationToken)
    {
        var http = CreateHttpClient();
        if (context.Endpoint.Remote is { } remote)
        {
            return new ServiceSession(http, remote, context.FunctionKey, null, remote.AbsoluteUri);
        }

        var app = EmbeddedService.Build("http://127.0.0.1:0", context.StoreDirectory, null, queueListener);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new ServiceSession(http, FunctionsApp.ListeningUri(app.Services), null, app, $"embedded store at {context.StoreDirectory}");
        }
        catch
        {
            http.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    // A dead host should fail in seconds, not after the default 100 s; large uploads and slow links still get
    // minutes per request. Pooled connections are recycled so DNS changes (slot swaps) are picked up. Everything the
    // client reads is JSON or a result unit of about a megabyte, so a misbehaving endpoint cannot make it buffer
    // gigabytes (the default cap is 2 GB).
    private static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromMinutes(10),
        MaxResponseContentBufferSize = 256L * 1024 * 1024,
    };
}
