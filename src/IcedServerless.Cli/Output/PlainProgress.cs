using System.Globalization;
using Spectre.Console;

namespace IcedServerless.Cli.Output;

/// <summary>
/// Progress for redirected output (logs, CI, pipes): a plain line such as <c>encrypt: 3/10 units</c> when a stage
/// starts, each time it crosses another tenth, and when it ends — never terminal control codes.
/// </summary>
internal sealed class PlainProgress : ProgressTicker
{
    private readonly IAnsiConsole _console;
    private readonly string _label;
    private readonly string _unit;
    private readonly Lock _gate = new();
    private int _printedTenth = -1;
    private long _printedValue = -1;

    public PlainProgress(IAnsiConsole console, string label, long total, string unit)
        : base(total)
    {
        _console = console;
        _label = label;
        _unit = unit;
        Changed(0);
    }

    /// <summary>Prints the final line if the last tick did not (a stage may finish short of its total).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (Value != _printedValue)
            {
                Print(Value);
            }

            _printedTenth = 10;
        }
    }

    protected override void Changed(long value)
    {
        var tenth = Total <= 0 ? 10 : (int)Math.Min(10, value * 10 / Total);
        lock (_gate)
        {
            if (tenth <= _printedTenth)
            {
                return;
            }

            _printedTenth = tenth;
            Print(value);
        }
    }

    private void Print(long value)
    {
        _printedValue = value;
        _console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_label}: {value}/{Total} {_unit}"), Style.Plain);
    }
}
