using Homelab.Applications.Gating;
using Homelab.Applications.Projects;
using Homelab.Controllers;
using Homelab.Engine.Inventory;
using Homelab.Kubernetes.Caching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Homelab.Applications.Applications;

/// <summary>
/// Wakes Applications when something they depend on changes, so no poll is needed for it: a live object
/// carrying an app's tracking id changed (drift for self-heal, health for status — including a child
/// Application's health for its app-of-apps parent), its AppProject changed, or the infrastructure
/// layer's readiness changed for apps waiting on it (they sync within the gate's notification time).
/// </summary>
public sealed class ApplicationWakeups(
    ClusterCache cache, ILayerGate gate, ApplicationStates states, ControllerRegistry controllers, IOptions<ApplicationControllerOptions> options) : IHostedService
{
    private readonly string _controlPlaneNamespace = options.Value.Namespace;
    private IDisposable? _cacheSubscription;
    private IDisposable? _gateSubscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _cacheSubscription = cache.Subscribe(OnCacheEvent);
        _gateSubscription = gate.Subscribe(() =>
        {
            foreach (var key in states.WaitingForInfrastructure())
            {
                Enqueue(key);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _cacheSubscription?.Dispose();
        _gateSubscription?.Dispose();
        return Task.CompletedTask;
    }

    private void OnCacheEvent(CacheEvent e)
    {
        if (e.Object.Kind == ProjectResolver.Kind && e.Object.Group == ProjectResolver.Group)
        {
            WakeProjectApps(e.Object.Name);
            return;
        }

        foreach (var obj in e.Previous is null ? [e.Object] : new[] { e.Object, e.Previous })
        {
            if (ArgoTrackingId.TryParse(obj.GetAnnotation(ArgoTrackingId.Annotation), out var id))
            {
                Enqueue(KeyOf(id!.AppInstance));
                return;
            }
        }
    }

    private void WakeProjectApps(string project)
    {
        var informer = cache.Informers.FirstOrDefault(i => i.Type.Group == ApplicationReconciler.Group && i.Type.Kind == ApplicationReconciler.Kind);
        if (informer is not { IsSynced: true })
        {
            return;
        }

        foreach (var app in informer.List())
        {
            if ((app.GetString("spec", "project") is { Length: > 0 } p ? p : "default") == project)
            {
                Enqueue(ObjectKey.Of(app));
            }
        }
    }

    /// <summary>The tracking id's app part is the name (control-plane namespace) or <c>namespace_name</c>.</summary>
    private ObjectKey KeyOf(string instance)
    {
        var split = instance.IndexOf('_', StringComparison.Ordinal);
        return split < 0 ? new ObjectKey(_controlPlaneNamespace, instance) : new ObjectKey(instance[..split], instance[(split + 1)..]);
    }

    private void Enqueue(ObjectKey key)
    {
        if (controllers.TryGet(ApplicationRefresher.ControllerName, out var controller))
        {
            controller.Enqueue(key);
        }
    }
}
