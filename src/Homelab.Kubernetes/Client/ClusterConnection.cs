using k8s;

namespace Homelab.Kubernetes.Client;

/// <summary>
/// One authenticated connection to an API server: the KubernetesClient <see cref="k8s.Kubernetes"/>
/// (which owns TLS and credentials) plus its base address. Requests go through its
/// <see cref="HttpClient"/> so this code controls content types and query parameters exactly.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private readonly k8s.Kubernetes _kubernetes;

    private ClusterConnection(KubernetesClientConfiguration configuration)
    {
        Configuration = configuration;
        _kubernetes = new k8s.Kubernetes(configuration);
        BaseAddress = _kubernetes.BaseUri;
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>The API server's address, always ending in '/'.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The namespace the configuration names (kubeconfig context or in-cluster service account), if any.</summary>
    public string? DefaultNamespace => Configuration.Namespace;

    public static ClusterConnection FromKubeconfig(string path, string? context = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"kubeconfig '{path}' does not exist", path);
        }

        return new(KubernetesClientConfiguration.BuildConfigFromConfigFile(path, context));
    }

    /// <summary>The service account the pod runs as; fails clearly when not inside a cluster.</summary>
    public static ClusterConnection InCluster() =>
        KubernetesClientConfiguration.IsInCluster()
            ? new(KubernetesClientConfiguration.InClusterConfig())
            : throw new InvalidOperationException("not running inside a Kubernetes cluster (no service account token or KUBERNETES_SERVICE_HOST)");

    /// <summary>KUBECONFIG, then ~/.kube/config, then in-cluster, as kubectl resolves it.</summary>
    public static ClusterConnection Default() => new(KubernetesClientConfiguration.BuildDefaultConfig());

    public static ClusterConnection FromConfiguration(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(configuration);
    }

    /// <summary>Sends a request with the connection's credentials applied (bearer tokens are added per request by the client library).</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (_kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        return await _kubernetes.HttpClient.SendAsync(request, completion, cancellationToken);
    }

    public void Dispose() => _kubernetes.Dispose();
}
