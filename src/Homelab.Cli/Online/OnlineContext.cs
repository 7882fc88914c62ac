using System.CommandLine;
using Homelab.Cli.Online.Connection;

namespace Homelab.Cli.Online;

/// <summary>
/// What every online command shares: the writers, the environment and the root's connection options
/// (<c>--server</c>, <c>--app-server</c>, available on every subcommand).
/// </summary>
public sealed class OnlineContext(TextWriter output, TextWriter error, CliEnvironment environment)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"Infrastructure service gRPC address (else ${ServiceKind.Infrastructure.EnvironmentVariable}, else .homelab/apphost.json).",
        Recursive = true,
    };

    public Option<string?> AppServer { get; } = new("--app-server")
    {
        Description = $"Applications service gRPC address (else ${ServiceKind.Applications.EnvironmentVariable}, else .homelab/apphost.json).",
        Recursive = true,
    };

    public ServiceConnection Connect(ParseResult parse, ServiceKind service)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var flag = service == ServiceKind.Infrastructure ? parse.GetValue(Server) : parse.GetValue(AppServer);
        return new ServiceConnection(new ConnectionResolver(environment).Resolve(service, flag));
    }
}
