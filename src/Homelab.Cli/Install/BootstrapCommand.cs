using System.CommandLine;
using Homelab.Kubernetes.Errors;
using Homelab.Kubernetes.Client;

namespace Homelab.Cli.Install;

/// <summary>
/// <c>homelab bootstrap --repo URL --branch B --path P</c>: installs Homelab into a cluster (CRDs, the
/// homelab-system manifests, the API token Secret) and hands the cluster to Git with the root objects.
/// Safe to repeat: a second run writes nothing, a newer CLI upgrades (CRDs before Deployments).
/// </summary>
public static class BootstrapCommand
{
    /// <summary>Exit code when live Flux or Argo CD controllers are found.</summary>
    public const int ForeignControllersFound = 3;

    public static Command Create(TextWriter output, CliEnvironment environment, TimeProvider time)
    {
        var repo = new Option<string>("--repo") { Description = "The Git repository URL the cluster follows.", Required = true };
        var branch = new Option<string>("--branch") { Description = "Its branch.", DefaultValueFactory = _ => "main" };
        var path = new Option<string>("--path") { Description = "The infrastructure path (root Kustomization), e.g. ./infrastructure.", Required = true };
        var appsPath = new Option<string?>("--apps-path") { Description = "The applications path: adds a root app-of-apps Application." };
        var tokenEnv = new Option<string?>("--token-env") { Description = "An environment variable holding the API token (default: keep the stored one or generate one)." };
        var wait = new Option<bool>("--wait") { Description = "Wait until both Deployments are ready.", DefaultValueFactory = _ => true };
        var cluster = new ClusterOptions();

        var command = new Command("bootstrap", "Install Homelab into a cluster and point it at a Git repository (idempotent).")
        {
            repo, branch, path, appsPath, tokenEnv, wait,
        };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var token = ReadToken(parse.GetValue(tokenEnv), environment);
            var settings = new BootstrapSettings(parse.GetValue(repo)!, parse.GetValue(branch)!, parse.GetValue(path)!, parse.GetValue(appsPath), token);
            var timeout = parse.GetValue(cluster.Timeout);
            using var target = cluster.Open(parse, environment);
            try
            {
                await RunAsync(target, settings, parse.GetValue(wait), timeout, output, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
            {
                throw new CommandFailedException($"bootstrap failed against {target.Server}: {e.Message}", e);
            }

            return 0;
        });
        return command;
    }

    private static async Task RunAsync(ClusterTarget target, BootstrapSettings settings, bool wait, TimeSpan timeout, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var client = target.Client;
        var foreign = await new ForeignControllers(client).FindAsync(cancellationToken).ConfigureAwait(false);
        if (foreign.Count > 0)
        {
            throw new CommandFailedException(
                $"refusing to bootstrap: live Flux or Argo CD controllers would reconcile the same objects: {string.Join(", ", foreign)}. "
                + "Take over first (scale them to 0 replicas, keep their YAML), see docs/operations.md#migrating-from-flux-or-argo-cd")
            { ExitCode = ForeignControllersFound };
        }

        await output.WriteLineAsync($"► installing Homelab into {target.Server}").ConfigureAwait(false);
        var desired = InstallManifest.Objects().ToList();
        var secret = new ObjectReference("v1", "Secret", InstallManifest.Namespace, InstallManifest.TokenSecretName);
        var token = settings.Token;
        if (token is null && await client.TryGetAsync(secret, cancellationToken).ConfigureAwait(false) is null)
        {
            token = ApiTokenSecret.Generate();
            await output.WriteLineAsync($"► generated an API token: read it with `kubectl -n {InstallManifest.Namespace} get secret {InstallManifest.TokenSecretName} -o jsonpath='{{.data.token}}' | base64 -d`").ConfigureAwait(false);
        }

        if (token is not null)
        {
            desired.Add(ApiTokenSecret.Build(token));
        }

        desired.AddRange(RootObjects.Build(settings));
        var counts = await new Installer(client, time, output).ApplyAsync(desired, timeout, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(
            $"✔ {counts[InstallAction.Created]} created, {counts[InstallAction.Configured]} configured, {counts[InstallAction.Unchanged]} unchanged"
            + (counts[InstallAction.Kept] == 0 ? "" : $", {counts[InstallAction.Kept]} existing CRDs kept")).ConfigureAwait(false);

        if (wait)
        {
            await output.WriteLineAsync("◎ waiting for the Deployments").ConfigureAwait(false);
            await new DeploymentWaiter(client, time).WaitAsync(InstallManifest.ServiceNames, InstallManifest.Namespace, timeout, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("✔ homelab-infrastructure and homelab-applications are ready").ConfigureAwait(false);
        }
    }

    private static string? ReadToken(string? variable, CliEnvironment environment)
    {
        if (variable is null)
        {
            return null;
        }

        var token = environment.Variable(variable)?.Trim();
        return string.IsNullOrEmpty(token)
            ? throw new CommandFailedException($"--token-env {variable}: the variable is not set or empty")
            : token;
    }
}
