using Homelab.Kubernetes.Client;
using Microsoft.Extensions.Configuration;

namespace Homelab.Controllers.Hosting;

/// <summary>
/// Finds the cluster to talk to, in order: <c>Kubernetes:Kubeconfig</c>, the <c>KUBECONFIG</c> variable
/// (first existing file of the list), in-cluster (<c>KUBERNETES_SERVICE_HOST</c>), <c>~/.kube/config</c>.
/// <c>Kubernetes:Context</c> picks a kubeconfig context. Fails naming everything it tried.
/// </summary>
public static class ClusterConnectionResolver
{
    public static ClusterConnection Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var context = NullIfEmpty(configuration["Kubernetes:Context"]);
        var tried = new List<string>();

        if (NullIfEmpty(configuration["Kubernetes:Kubeconfig"]) is { } configured)
        {
            // Explicitly configured: never fall back to something else silently.
            return File.Exists(configured)
                ? FromKubeconfig(configured, context, "Kubernetes:Kubeconfig")
                : throw new InvalidOperationException($"Kubernetes:Kubeconfig names '{configured}', which does not exist");
        }

        tried.Add("Kubernetes:Kubeconfig (not set)");
        if (NullIfEmpty(configuration["KUBECONFIG"]) is { } variable)
        {
            var paths = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (paths.FirstOrDefault(File.Exists) is { } path)
            {
                return FromKubeconfig(path, context, "KUBECONFIG");
            }

            tried.Add($"KUBECONFIG ({string.Join(", ", paths)}: no such file)");
        }
        else
        {
            tried.Add("KUBECONFIG (not set)");
        }

        if (NullIfEmpty(configuration["KUBERNETES_SERVICE_HOST"]) is not null)
        {
            return ClusterConnection.InCluster();
        }

        tried.Add("in-cluster (KUBERNETES_SERVICE_HOST not set)");
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (File.Exists(home))
        {
            return FromKubeconfig(home, context, home);
        }

        tried.Add($"{home} (no such file)");
        throw new InvalidOperationException($"no Kubernetes cluster to connect to; tried: {string.Join("; ", tried)}. Set Kubernetes__Kubeconfig or KUBECONFIG.");
    }

    private static ClusterConnection FromKubeconfig(string path, string? context, string source)
    {
        try
        {
            return ClusterConnection.FromKubeconfig(path, context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"the kubeconfig '{path}' (from {source}) cannot be used{(context is null ? "" : $" with context '{context}'")}: {e.Message}", e);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
