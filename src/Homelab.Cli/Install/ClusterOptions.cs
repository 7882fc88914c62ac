using System.CommandLine;

namespace Homelab.Cli.Install;

/// <summary>The options every install command shares: which cluster, and how long to wait.</summary>
internal sealed class ClusterOptions
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "The kubeconfig file (default: KUBECONFIG, else ~/.kube/config)." };

    public Option<string?> Context { get; } = new("--context") { Description = "The kubeconfig context (default: its current context)." };

    public Option<TimeSpan> Timeout { get; } = Online.Flux.TimeoutOption.Create("5m");

    public void AddTo(Command command)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Timeout);
    }

    public ClusterTarget Open(ParseResult parse, CliEnvironment environment) =>
        ClusterTarget.Open(parse.GetValue(Kubeconfig), parse.GetValue(Context), environment);
}
