namespace Homelab.DevCluster.Hosting;

/// <summary>
/// Writes a kubeconfig that points kubectl and KubernetesClient at the dev cluster: plain http on
/// loopback. The server does no authentication; the token is a placeholder because KubernetesClient
/// refuses a user without credentials.
/// </summary>
internal static class KubeconfigWriter
{
    public const string ContextName = "devcluster";

    public static string Render(Uri server) => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {{ContextName}}
          cluster:
            server: {{server.ToString().TrimEnd('/')}}
        users:
        - name: {{ContextName}}
          user:
            token: devcluster-no-auth
        contexts:
        - name: {{ContextName}}
          context:
            cluster: {{ContextName}}
            user: {{ContextName}}
            namespace: default
        current-context: {{ContextName}}

        """;

    public static async Task WriteAsync(string path, Uri server, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Render(server), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
