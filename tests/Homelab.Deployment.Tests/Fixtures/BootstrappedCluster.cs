using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;

namespace Homelab.Deployment.Tests.Fixtures;

/// <summary>
/// What a deployment test runs services against: a Git repository served over HTTP on loopback, a dev cluster
/// bootstrapped from its <c>cluster</c> path by <c>homelab bootstrap</c> (no wait: the services under test are
/// what makes it converge), and the test's own client on the cluster. Dispose to stop it all.
/// </summary>
internal sealed class BootstrappedCluster : IAsyncDisposable
{
    private readonly TempDirectory _temp;
    private readonly GitHttpServer _git;
    private readonly ClusterConnection _connection;
    private readonly RequestMetrics _metrics = new();

    private BootstrappedCluster(TempDirectory temp, GitHttpServer git, TestRepository repo, DevClusterServer cluster)
    {
        _temp = temp;
        _git = git;
        Repo = repo;
        Cluster = cluster;
        _connection = ClusterConnection.FromKubeconfig(cluster.KubeconfigPath);
        // Discovery may refresh at once: the services install their CRDs after the client first read it.
        Client = new ClusterClient(_connection, _metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
    }

    public TestRepository Repo { get; }

    public string Url => _git.UrlFor(Repo.Name);

    public DevClusterServer Cluster { get; }

    public ClusterClient Client { get; }

    /// <summary>
    /// Serves a repository whose first commit is <paramref name="files"/> (given the repository's URL, for the
    /// GitRepository that names it), starts the dev cluster and bootstraps it with <paramref name="bootstrapArguments"/> added.
    /// </summary>
    public static async Task<BootstrappedCluster> StartAsync(Func<string, (string Path, string Content)[]> files, params string[] bootstrapArguments)
    {
        var temp = new TempDirectory();
        GitHttpServer? git = null;
        BootstrappedCluster? bed = null;
        try
        {
            git = await GitHttpServer.StartAsync(temp.Sub("served"));
            var repo = new TestRepository(temp.Sub("served"), "homelab");
            repo.Commit("first", files(git.UrlFor(repo.Name)));
            repo.Push();
            var cluster = await DevClusterServer.StartAsync(new DevClusterOptions { SimulatorDelay = TimeSpan.FromMilliseconds(50) });
            bed = new BootstrappedCluster(temp, git, repo, cluster);
            var bootstrap = await CliRun.RunAsync(null, ["bootstrap", "--repo", bed.Url, "--path", "cluster", "--kubeconfig", cluster.KubeconfigPath, "--timeout", "30s", "--wait=false", .. bootstrapArguments]);
            Assert.True(bootstrap.ExitCode == 0, bootstrap.ToString());
            return bed;
        }
        catch
        {
            if (bed is not null)
            {
                await bed.DisposeAsync();
            }
            else
            {
                if (git is not null)
                {
                    await git.DisposeAsync();
                }

                temp.Dispose();
            }

            throw;
        }
    }

    /// <summary>A scratch folder of this test (a service's Git cache, snapshots).</summary>
    public string Sub(string name) => _temp.Sub(name);

    /// <summary>Commits <paramref name="files"/> and pushes.</summary>
    public void Commit(string message, params (string Path, string Content)[] files)
    {
        Repo.Commit(message, files);
        Repo.Push();
    }

    /// <summary>Deletes files from Git in one commit and pushes it.</summary>
    public void Remove(params string[] paths)
    {
        GitCli.Run(Repo.WorkPath, ["rm", "-q", .. paths]);
        GitCli.Run(Repo.WorkPath, "commit", "-q", "-m", "remove " + string.Join(", ", paths));
        Repo.Push();
    }

    public async ValueTask DisposeAsync()
    {
        _metrics.Dispose();
        _connection.Dispose();
        await Cluster.DisposeAsync();
        await _git.DisposeAsync();
        _temp.Dispose();
    }
}
