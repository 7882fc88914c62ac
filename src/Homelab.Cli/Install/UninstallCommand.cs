using System.CommandLine;
using Homelab.Kubernetes.Errors;

namespace Homelab.Cli.Install;

/// <summary><c>homelab uninstall [--crds]</c>: removes what bootstrap installed; workloads applied from Git stay.</summary>
internal static class UninstallCommand
{
    public static Command Create(TextWriter output, CliEnvironment environment, TimeProvider time)
    {
        var crds = new Option<bool>("--crds") { Description = "Also delete Homelab's CRDs, and with them every GitRepository, Kustomization, Application… (not what they applied)." };
        var cluster = new ClusterOptions();
        var command = new Command("uninstall", "Remove Homelab from a cluster (the services, RBAC, homelab-system and the root objects; CRDs only with --crds).") { crds };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var target = cluster.Open(parse, environment);
            try
            {
                var deleted = await new Uninstaller(target.Client, time, output)
                    .UninstallAsync(parse.GetValue(crds), parse.GetValue(cluster.Timeout), cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"✔ uninstalled ({deleted} objects deleted)").ConfigureAwait(false);
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
            {
                throw new CommandFailedException($"uninstall failed against {target.Server}: {e.Message}", e);
            }

            return 0;
        });
        return command;
    }
}
