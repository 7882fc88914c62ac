using System.Security.Cryptography;
using Homelab.AppHost.Bootstrap;
using Homelab.AppHost.Configuration;
using Homelab.AppHost.Orchestration;
using Homelab.AppHost.Resources;
using Homelab.Kubernetes.Client;
using Homelab.Manifests;

// dotnet run --project AppHost [-- options]: the control plane on this machine, by default against an
// embedded dev cluster and reconciling this checkout.
AppHostOptions options;
try
{
    options = AppHostArguments.Parse(args, ServiceAssemblies.RepositoryRoot, Environment.GetEnvironmentVariable("KUBECONFIG"));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(AppHostArguments.Usage);
    return 2;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop the children first; the runner then returns and the process ends
    stopping.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM,
    context =>
    {
        context.Cancel = true;
        stopping.Cancel();
    });

// Everything that can be wrong with the repository is found before anything starts.
LocalRepository repository;
IReadOnlyList<Homelab.Manifests.Objects.KubeObject> infrastructureRoot;
IReadOnlyList<Homelab.Manifests.Objects.KubeObject> applicationsRoot;
try
{
    repository = await LocalRepository.OpenAsync(options, stopping.Token);
    infrastructureRoot = await RootObjects.RenderAsync(repository.Path, options.InfrastructureRoot, stopping.Token);
    applicationsRoot = await RootObjects.RenderAsync(repository.Path, options.ApplicationsRoot, stopping.Token);
}
catch (Exception e) when (e is ManifestException or RepositoryException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

var mappings = RepositoryMappings.For(options, repository, [.. infrastructureRoot, .. applicationsRoot]);
var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
var resources = ResourcePlan.Create(options, token, mappings);
var kubeconfig = options.Kubeconfig ?? resources.Single(r => r.Name == ResourcePlan.DevCluster).Details["kubeconfig"];
var board = new StateBoard(options.StateDirectory, Console.Out, token);
CommitWatcher? watcher = null;
AppHostRunner? runner = null;
var steps = new Dictionary<string, Func<CancellationToken, Task>>
{
    [ResourcePlan.Infrastructure] = ct => BootstrapAsync(ResourcePlan.Infrastructure, infrastructureRoot, ct),
    [ResourcePlan.Applications] = async ct =>
    {
        await BootstrapAsync(ResourcePlan.Applications, applicationsRoot, ct);
        if (repository.IsWatched)
        {
            watcher = new CommitWatcher(
                repository.Path,
                Endpoint(ResourcePlan.Infrastructure),
                Endpoint(ResourcePlan.Applications),
                token,
                line => runner!.WriteLine("apphost", line));
        }
    },
};
runner = new AppHostRunner(resources, board, Console.Out, steps);
try
{
    return await runner.RunAsync(stopping.Token);
}
finally
{
    if (watcher is not null)
    {
        await watcher.DisposeAsync();
    }
}

async Task BootstrapAsync(string layer, IReadOnlyList<Homelab.Manifests.Objects.KubeObject> objects, CancellationToken cancellationToken)
{
    using var connection = ClusterConnection.FromKubeconfig(kubeconfig);
    using var metrics = new RequestMetrics();
    var client = new ClusterClient(connection, metrics);
    await new RootBootstrapper(client).ApplyAsync(objects, cancellationToken);
    runner!.WriteLine(layer, $"bootstrapped {objects.Count} root object(s): {string.Join(", ", objects.Select(o => $"{o.Kind}/{o.Name}"))}");
}

Uri Endpoint(string name) => resources.Single(r => r.Name == name).Endpoints["grpc"];
