using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Snapshots;

namespace Homelab.Benchmarks.Git;

/// <summary>
/// Issue 4's benchmark: on a 5,000-commit, 2,000-file repository served by git daemon over loopback,
/// the time and remote operations of an unchanged-ref check versus picking up one new commit.
/// </summary>
public sealed class GitChangeDetectionScenario : IScenario
{
    private const int Commits = 5_000;
    private const int Files = 2_000;
    private const int Rounds = 10;

    public string Name => "git-change-detection";

    public string Description => "Unchanged-ref check vs one new commit on a 5,000-commit, 2,000-file repo over git://";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "homelab-bench-git-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        Process? daemon = null;
        try
        {
            var bare = Path.Combine(root, "repo.git");
            await GitProcess.RunAsync(root, null, cancellationToken, "init", "-q", "--bare", "--initial-branch=main", bare);
            var watch = Stopwatch.StartNew();
            await GitProcess.RunAsync(bare, FastImportStream(), cancellationToken, "fast-import", "--quiet");
            report.Add("generate history (fast-import)", watch.Elapsed.TotalMilliseconds, "ms");

            var work = Path.Combine(root, "work");
            await GitProcess.RunAsync(root, null, cancellationToken, "clone", "-q", bare, work);

            var port = FreePort();
            daemon = Process.Start(GitProcess.StartInfo(root, "daemon", "--reuseaddr", "--export-all", $"--base-path={root}", "--listen=127.0.0.1", $"--port={port}", root))!;
            await WaitForPortAsync(port, cancellationToken);
            var url = $"git://127.0.0.1:{port}/repo.git";

            using var client = new GitSourceClient(new GitSourceOptions { CacheDirectory = Path.Combine(root, "cache") }, TimeProvider.System);
            var request = new GitSourceRequest(url, RefSelector.DefaultBranch);

            watch.Restart();
            var initial = await client.SyncAsync(request, null, cancellationToken);
            report.Add("initial fetch (full history)", watch.Elapsed.TotalMilliseconds, "ms");

            var store = new SnapshotStore(new SnapshotOptions { Directory = Path.Combine(root, "snapshots") }, TimeProvider.System);
            watch.Restart();
            using (await store.AcquireAsync(initial.CacheRepositoryPath, initial.Revision, null, cancellationToken))
            {
                report.Add("materialise snapshot (2,000 files)", watch.Elapsed.TotalMilliseconds, "ms");
            }

            var revision = initial.Revision;
            var (unchangedMs, unchangedOps) = await MeasureAsync(client, Rounds, async () =>
            {
                var result = await client.SyncAsync(request, revision, cancellationToken);
                if (result.Changed)
                {
                    throw new InvalidOperationException("nothing was pushed, yet the ref moved");
                }
            });
            report.Add("unchanged check: median time", unchangedMs, "ms");
            report.Add("unchanged check: ls-remote per check", unchangedOps.LsRemote, "ops");
            report.Add("unchanged check: fetch per check", unchangedOps.Fetch, "ops");

            var pushes = 0;
            var (newCommitMs, newCommitOps) = await MeasureAsync(client, Rounds, async () =>
            {
                var result = await client.SyncAsync(request, revision, cancellationToken);
                if (!result.Changed)
                {
                    throw new InvalidOperationException("a pushed commit was not picked up");
                }

                revision = result.Revision;
            }, before: async () =>
            {
                await File.WriteAllTextAsync(Path.Combine(work, "apps", $"new-{pushes++}.yaml"), "n: 1\n", cancellationToken);
                await GitProcess.RunAsync(work, null, cancellationToken, "add", "-A");
                await GitProcess.RunAsync(work, null, cancellationToken, "commit", "-q", "-m", "bench");
                await GitProcess.RunAsync(work, null, cancellationToken, "push", "-q", "origin", "HEAD:main");
            });
            report.Add("one new commit: median time", newCommitMs, "ms");
            report.Add("one new commit: ls-remote per check", newCommitOps.LsRemote, "ops");
            report.Add("one new commit: fetch per check", newCommitOps.Fetch, "ops");
            report.Add("peak working set", ScenarioReport.PeakWorkingSetMiB(), "MiB");
        }
        finally
        {
            if (daemon is { HasExited: false })
            {
                daemon.Kill(entireProcessTree: true);
                await daemon.WaitForExitAsync(CancellationToken.None);
            }

            daemon?.Dispose();
            DeleteTree(root);
        }
    }

    /// <summary>Median time of <paramref name="rounds"/> runs (the untimed <paramref name="before"/> step excluded) and remote operations per run.</summary>
    private static async Task<(double MedianMs, (double LsRemote, double Fetch) OpsPerRun)> MeasureAsync(GitSourceClient client, int rounds, Func<Task> run, Func<Task>? before = null)
    {
        var times = new List<double>();
        var lsRemote0 = client.Counters.Count(GitOperationKind.LsRemote);
        var fetch0 = client.Counters.Count(GitOperationKind.Fetch);
        for (var i = 0; i < rounds; i++)
        {
            if (before is not null)
            {
                await before();
            }

            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var ops = ((client.Counters.Count(GitOperationKind.LsRemote) - lsRemote0) / (double)rounds, (client.Counters.Count(GitOperationKind.Fetch) - fetch0) / (double)rounds);
        return (times[times.Count / 2], ops);
    }

    private static string FastImportStream()
    {
        var stream = new StringBuilder();
        for (var c = 0; c < Commits; c++)
        {
            var message = $"commit {c}";
            stream.Append(CultureInfo.InvariantCulture, $"commit refs/heads/main\ncommitter Bench <bench@example.invalid> {1_700_000_000 + c} +0000\ndata {message.Length}\n{message}\n");
            foreach (var file in c == 0 ? Enumerable.Range(0, Files) : [c % Files])
            {
                var content = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{file}\ndata:\n  version: \"{c}\"\n";
                stream.Append(CultureInfo.InvariantCulture, $"M 100644 inline apps/group-{file / 100}/cm-{file}.yaml\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
            }

            stream.Append('\n');
        }

        return stream.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Yield();
            }
        }
    }

    private static void DeleteTree(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            foreach (var directory in Directory.EnumerateDirectories(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(path, recursive: true);
    }
}
