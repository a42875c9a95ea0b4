using System.CommandLine;
using IcedServerless.Cli.Hosting;
using IcedServerless.Cli.Output;
using Spectre.Console;

namespace IcedServerless.Cli;

/// <summary>
/// Runs a command body with its resolved <see cref="CliContext"/> and turns failures into exit codes
/// (<see cref="ExitCodes"/>, <see cref="ErrorRules"/>): a message on stderr for what the user can fix, the stack
/// trace for a bug.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>.</summary>
    public static void Bind(Command command, CliHost host, GlobalOptions options, Func<ParseResult, CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(host, options, parse, body, cancellationToken));

    public static async Task<int> RunAsync(
        CliHost host, GlobalOptions options, ParseResult parse, Func<ParseResult, CliContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var output = CliContext.OutputFor(host, parse, options);
        CliContext? context = null;
        try
        {
            context = CliContext.Resolve(host, parse, options, output);
            return await body(parse, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Unwrap(ex) is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            output.Error.MarkupLine("[yellow]Cancelled.[/]");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (Unwrap(ex) is OperationCanceledException { InnerException: TimeoutException } timeout)
        {
            // HttpClient's own deadline, not the user: the service stopped answering.
            return Report(output, parse.GetValue(options.Verbose), ExitCodes.ServiceError,
                $"the scoring service at {context?.Endpoint} did not answer in time ({timeout.Message}); try again, or check --endpoint.", timeout);
        }
        catch (Exception ex) when (ErrorRules.Find(Unwrap(ex)) is { } rule)
        {
            var failure = Unwrap(ex);
            return Report(output, parse.GetValue(options.Verbose), rule.ExitCode, rule.Describe(failure, context?.Endpoint.ToString()), failure.InnerException);
        }
        catch (Exception ex)
        {
            output.Error.MarkupLine("[red]internal error[/] (a bug in iced; please report it with this trace):");
            output.Error.WriteException(ex);
            return ExitCodes.InternalError;
        }
    }

    private static int Report(CliOutput output, bool verbose, int exitCode, string message, Exception? detail)
    {
        output.Error.MarkupLineInterpolated($"[red]error:[/] {message}");
        if (verbose && detail is not null)
        {
            output.Error.WriteException(detail);
        }

        return exitCode;
    }

    // Parallel loops wrap a single failure; report the failure itself.
    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : ex;
}
