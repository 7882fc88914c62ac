using System.Text.Json.Nodes;
using Homelab.DevCluster.Accounting;
using Homelab.DevCluster.Apply;
using Homelab.DevCluster.Defaulting;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Faults;
using Homelab.DevCluster.Handlers;
using Homelab.DevCluster.Lifecycle;
using Homelab.DevCluster.Simulator;
using Homelab.DevCluster.Storage;
using Microsoft.Extensions.Logging;

namespace Homelab.DevCluster.Hosting;

/// <summary>Everything that outlives an HTTP listener: objects, resources, controllers, counters and faults. A restart keeps it.</summary>
internal sealed class ClusterState : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ControllerLoop _controllers;

    public ClusterState(DevClusterOptions options, ILogger logger)
    {
        Options = options;
        Registry = new ResourceRegistry();
        Store = new ObjectStore(options.WatchHistorySize, options.MaxObjectsPerNamespace);
        FieldManager = new FieldManager(options.TimeProvider);
        var crds = new CrdRegistrar(Registry, Store, options.TimeProvider);
        Operations = new ResourceOperations(Store, Registry, new ObjectDefaulter(new ClusterIpAllocator()), FieldManager, crds, options.TimeProvider);
        GarbageCollector = new GarbageCollector(Operations);
        Accounting = new RequestAccounting();
        Faults = new FaultInjector(Store, options.TimeProvider, options.FaultSeed);
        Tables = new Printing.TablePrinter(Store, Registry, options.TimeProvider);
        Watches = new WatchHandler(Store, Tables, options.TimeProvider, options.BookmarkInterval);
        Patches = new PatchHandler(Operations, FieldManager);
        _controllers = new ControllerLoop(
            Store,
            GarbageCollector,
            new NamespaceController(Operations),
            new StatusSimulator(Operations, options.TimeProvider, options.SimulatorDelay, _stopping.Token),
            logger);
        _controllers.Start();
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } };
            Operations.Create(Operations.NamespaceResource, null, body, WriteOptions.System("kube-apiserver"));
        }
    }

    public DevClusterOptions Options { get; }

    public ResourceRegistry Registry { get; }

    public ObjectStore Store { get; }

    public FieldManager FieldManager { get; }

    public ResourceOperations Operations { get; }

    public GarbageCollector GarbageCollector { get; }

    public RequestAccounting Accounting { get; }

    public FaultInjector Faults { get; }

    public WatchHandler Watches { get; }

    public Printing.TablePrinter Tables { get; }

    public PatchHandler Patches { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Store.CloseAllWatches();
        await _controllers.DisposeAsync();
        _stopping.Dispose();
    }
}
