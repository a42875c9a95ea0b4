using System.Text;
using Spectre.Console;

namespace IcedServerless.Cli.Hosting;

/// <summary>Routes the parser's own error text (System.CommandLine writes to a TextWriter) to the stderr console.</summary>
internal sealed class SpectreErrorWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => console.Write(value.ToString(), Style.Plain);

    public override void Write(string? value) => console.Write(value ?? string.Empty, Style.Plain);
}
