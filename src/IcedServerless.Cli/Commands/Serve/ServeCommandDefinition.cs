using System.CommandLine;
using IcedServerless.Cli.Hosting;

namespace IcedServerless.Cli.Commands.Serve;

/// <summary>The syntax of <c>iced serve</c>.</summary>
internal sealed class ServeCommandDefinition
{
    public ServeCommandDefinition(CliHost host, GlobalOptions options)
    {
        Port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 (any free port) and 65535.");
            }
        });
        Command = new Command("serve", "Run the scoring service (local mode: API, queue listener, store) in the foreground until Ctrl-C, for other terminals and apps.")
        {
            Port, Storage,
        };
        CommandRunner.Bind(Command, host, options, (parse, context, cancellationToken) =>
            new ServeCommand(context).ExecuteAsync(parse.GetValue(Port), parse.GetValue(Storage)!, cancellationToken));
    }

    public Command Command { get; }

    public Option<int> Port { get; } = new("--port") { Description = "The loopback port to listen on (0: any free port).", DefaultValueFactory = _ => 7071 };

    public Option<string> Storage { get; } = new("--storage")
    {
        Description = "'embedded' (files under --store, default), 'azurite' (the local emulator's development account), or an Azure Storage connection string.",
        DefaultValueFactory = _ => "embedded",
    };
}
