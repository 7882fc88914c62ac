using System.CommandLine;
using System.Reflection;

namespace Homelab.Cli.Commands;

/// <summary><c>homelab version</c>: the CLI's version and the runtime it runs on.</summary>
internal static class VersionCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("version", "Print the homelab version.");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            output.WriteLine($"homelab {version} (.NET {Environment.Version})");
            return 0;
        });
        return command;
    }
}
