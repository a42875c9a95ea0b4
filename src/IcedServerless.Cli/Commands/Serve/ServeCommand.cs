using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using IcedServerless.Cli.Hosting;
using IcedServerless.Functions;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Serve;

/// <summary><c>iced serve</c>: the whole service in this process until cancelled (Ctrl-C), which is a normal stop.</summary>
internal sealed class ServeCommand(CliContext context)
{
    public async Task<int> ExecuteAsync(int port, string storage, CancellationToken cancellationToken)
    {
        var (connection, describe) = storage.Trim() switch
        {
            var s when s.Equals("embedded", StringComparison.OrdinalIgnoreCase) => ((string?)null, $"embedded store at {context.StoreDirectory}"),
            var s when s.Equals("azurite", StringComparison.OrdinalIgnoreCase) => (EmbeddedService.AzuriteConnectionString, "Azurite (development storage)"),
            var s => (s, "Azure Storage (connection string)"),
        };

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = EmbeddedService.Build($"http://127.0.0.1:{port}", context.StoreDirectory, connection, queueListener: true, context.FunctionKey);
        }
        catch (FormatException e)
        {
            throw new UserFacingException($"--storage: {e.Message} Use 'embedded', 'azurite' or an Azure Storage connection string.", e);
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException")
            {
                throw new UserFacingException($"Port {port} is already in use (another `iced serve` or `func start`?); pick another with --port.", e);
            }

            var endpoint = FunctionsApp.ListeningUri(app.Services);
            context.Output.WriteResult(new ServeResult(endpoint.AbsoluteUri, describe, context.FunctionKey is not null), console =>
            {
                console.MarkupLineInterpolated($"Scoring service listening on [bold]{endpoint.AbsoluteUri}[/] ({describe}); Ctrl-C stops it.");
                console.MarkupLine("Use it from another terminal with:");
                console.WriteLine($"  export {GlobalOptions.EndpointVariable}={endpoint.AbsoluteUri}");
                if (context.FunctionKey is not null)
                {
                    console.MarkupLineInterpolated($"  (callers must send the function key: {GlobalOptions.FunctionKeyVariable} or --function-key)");
                }
            });

            // Ctrl-C cancels the command; SIGTERM (docker stop, systemd, kill) reaches the web host's console lifetime,
            // which stops the application — either ends the wait.
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                context.Output.Message($"Stopping…");
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}

/// <summary>The JSON result of <c>iced serve</c>, printed once it listens.</summary>
/// <param name="Endpoint">The base URL to use as ICED_ENDPOINT.</param>
/// <param name="Storage">What it stores on.</param>
/// <param name="FunctionKeyRequired">Whether callers must send the function key.</param>
internal sealed record ServeResult(string Endpoint, string Storage, bool FunctionKeyRequired);
