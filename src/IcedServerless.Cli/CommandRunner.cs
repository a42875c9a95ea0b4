using IcedServerless.Imaging;
using IcedServerless.Model.Serialization;
using Spectre.Console;

namespace IcedServerless.Cli;

/// <summary>
/// Runs a command body and maps failures to exit codes: 0 success, 2 user error (invalid input files or
/// options, missing files), 130 cancelled, 1 anything else (a bug: the stack trace is printed).
/// </summary>
internal static class CommandRunner
{
    public const int Success = 0;
    public const int InternalError = 1;
    public const int UserError = 2;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(IAnsiConsole console, bool verbose, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]Cancelled.[/]");
            return Cancelled;
        }
        catch (Exception ex) when (ex is UserFacingException or ModelFormatException or ImageFormatException
            or IcedServerless.Client.ScoringApiException or HttpRequestException
            or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            if (verbose && ex.InnerException is not null)
            {
                console.WriteException(ex.InnerException);
            }

            return UserError;
        }
        catch (Exception ex)
        {
            console.MarkupLine("[red]internal error:[/]");
            console.WriteException(ex);
            return InternalError;
        }
    }
}
