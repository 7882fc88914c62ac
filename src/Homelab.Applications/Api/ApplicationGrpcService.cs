using System.Text.Json.Nodes;
using System.Threading.Channels;
using Grpc.Core;
using Homelab.Api.Applications.V1;
using Homelab.Applications.Comparison;
using Homelab.Applications.Hosting;
using Homelab.Applications.Telemetry;
using Homelab.Controllers.Hosting;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;
using Microsoft.AspNetCore.Authorization;

namespace Homelab.Applications.Api;

/// <summary>
/// The <c>ApplicationService</c> gRPC API. As in Argo CD, the API never syncs itself: Sync and Rollback
/// write the Application's <c>operation</c>, Refresh sets the refresh annotation, and the controller does
/// the work; reads come from the watch cache.
/// </summary>
[Authorize(Policy = ApiAuthorization.Read)]
public sealed class ApplicationGrpcService(
    ClusterCache cache,
    IClusterClient client,
    ApplicationComparer comparer,
    IConfiguration configuration,
    TimeProvider time) : ApplicationService.ApplicationServiceBase
{
    public const string RefreshAnnotation = "argocd.argoproj.io/refresh";
    public const string InitiatedBy = "homelab-cli";

    private readonly string _defaultNamespace = ApplicationNamespace.From(configuration);

    public override async Task<ApplicationList> List(ListApplicationsRequest request, ServerCallContext context)
    {
        var informer = await InformerAsync(ArgoKinds.Application, context.CancellationToken);
        var selector = Selector(request.Selector);
        var list = new ApplicationList();
        foreach (var app in informer.List(Empty(request.Namespace), selector).OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal))
        {
            if (request.Project.Length == 0 || (app.GetString("spec", "project") is { Length: > 0 } p ? p : "default") == request.Project)
            {
                list.Items.Add(ApplicationMapper.ToProto(app, []));
            }
        }

        return list;
    }

    public override async Task<Application> Get(GetApplicationRequest request, ServerCallContext context)
    {
        var app = await CachedAsync(request.Ref, context.CancellationToken);
        return ApplicationMapper.ToProto(app, ResourceTree.Build(app, cache));
    }

    public override async Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context)
    {
        var app = await CachedAsync(request.Ref, context.CancellationToken);
        ApplicationComparison comparison;
        try
        {
            comparison = await comparer.CompareAsync(app, Empty(request.Revision), hardRefresh: false, context.CancellationToken);
        }
        catch (ComparisonException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }

        if (!comparison.Succeeded)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, string.Join("; ", comparison.Errors)));
        }

        var response = new DiffResponse();
        foreach (var resource in comparison.Resources)
        {
            response.Resources.Add(new ResourceDiff
            {
                Resource = new Homelab.Api.Common.V1.ResourceRef { Group = resource.Id.Group, Version = resource.Version, Kind = resource.Id.Kind, Namespace = resource.Id.Namespace ?? "", Name = resource.Id.Name },
                Diff = resource.UnifiedDiff,
                Modified = resource.Status == ResourceComparison.OutOfSync,
                RequiresPruning = resource.RequiresPruning,
            });
        }

        return response;
    }

    [Authorize(Policy = ApiAuthorization.Mutate)]
    public override async Task<Application> Sync(SyncRequest request, ServerCallContext context)
    {
        var app = await LiveAsync(request.Ref, context.CancellationToken);
        RefuseWhileOperating(app);
        var sync = new JsonObject
        {
            ["prune"] = request.Prune,
            ["dryRun"] = request.DryRun,
            ["syncStrategy"] = new JsonObject { ["hook"] = new JsonObject() },
        };
        if (request.Revision.Length > 0)
        {
            sync["revision"] = request.Revision;
        }

        if (request.Resources.Count > 0)
        {
            sync["resources"] = new JsonArray([.. request.Resources.Select(r => (JsonNode)new JsonObject
            {
                ["group"] = r.Group,
                ["kind"] = r.Kind,
                ["namespace"] = r.Namespace,
                ["name"] = r.Name,
            })]);
        }

        return await StartOperationAsync(app, sync, context.CancellationToken);
    }

    [Authorize(Policy = ApiAuthorization.Mutate)]
    public override async Task<Application> Rollback(RollbackRequest request, ServerCallContext context)
    {
        var app = await LiveAsync(request.Ref, context.CancellationToken);
        if (app.Get("spec", "syncPolicy", "automated") is not null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "rollback cannot be initiated when auto-sync is enabled"));
        }

        RefuseWhileOperating(app);
        var entry = ApplicationMapper.Objects(app.Get("status", "history")).FirstOrDefault(h => h["id"]?.GetValue<long>() == request.Id)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"application {app.Namespace}/{app.Name} has no history id {request.Id}"));
        var sync = new JsonObject { ["prune"] = request.Prune, ["dryRun"] = request.DryRun, ["syncStrategy"] = new JsonObject { ["hook"] = new JsonObject() } };
        foreach (var key in new[] { "revision", "revisions", "source", "sources" })
        {
            if (entry[key] is { } value)
            {
                sync[key] = value.DeepClone();
            }
        }

        return await StartOperationAsync(app, sync, context.CancellationToken);
    }

    public override async Task<HistoryResponse> History(ApplicationRef request, ServerCallContext context)
    {
        var app = await CachedAsync(request, context.CancellationToken);
        var response = new HistoryResponse();
        response.Items.AddRange(ApplicationMapper.Objects(app.Get("status", "history")).Select(ApplicationMapper.History));
        return response;
    }

    [Authorize(Policy = ApiAuthorization.Mutate)]
    public override async Task<Application> Refresh(RefreshRequest request, ServerCallContext context)
    {
        var app = await LiveAsync(request.Ref, context.CancellationToken);
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RefreshAnnotation] = request.Hard ? "hard" : "normal" } } };
        return ApplicationMapper.ToProto(await PatchAsync(app, patch, context.CancellationToken), []);
    }

    public override async Task Wait(WaitRequest request, IServerStreamWriter<Application> responseStream, ServerCallContext context)
    {
        var reference = request.Ref;
        var informer = await InformerAsync(ArgoKinds.Application, context.CancellationToken);
        var ns = Namespace(reference);
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = informer.Subscribe(e =>
        {
            if (e.Object.Name == reference.Name && e.Object.Namespace == ns)
            {
                changed.Writer.TryWrite(true);
            }
        });
        using var timeout = request.TimeoutSeconds > 0
            ? new CancellationTokenSource(TimeSpan.FromSeconds(request.TimeoutSeconds), time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, timeout.Token);
        try
        {
            while (true)
            {
                var app = informer.Get(ns, reference.Name)
                    ?? throw new RpcException(new Status(StatusCode.NotFound, $"application {ns}/{reference.Name} not found"));
                await responseStream.WriteAsync(ApplicationMapper.ToProto(app, []), linked.Token);
                if (WaitConditions.Hold(request, app))
                {
                    return;
                }

                await changed.Reader.ReadAsync(linked.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"timed out after {request.TimeoutSeconds} s waiting for application {ns}/{reference.Name}"));
        }
    }

    public override async Task<ApplicationSetList> ListApplicationSets(ListApplicationsRequest request, ServerCallContext context)
    {
        var informer = await InformerAsync(ArgoKinds.ApplicationSet, context.CancellationToken);
        var list = new ApplicationSetList();
        foreach (var set in informer.List(Empty(request.Namespace), Selector(request.Selector)).OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal))
        {
            var item = new ApplicationSet
            {
                Ref = new ApplicationRef { Namespace = set.Namespace ?? "", Name = set.Name },
                Created = ApplicationMapper.Time(set.GetString("metadata", "creationTimestamp")),
            };
            foreach (var condition in ApplicationMapper.Objects(set.Get("status", "conditions")))
            {
                item.Conditions.Add(new Homelab.Api.Common.V1.Condition
                {
                    Type = condition["type"]?.GetValue<string>() ?? "",
                    Status = condition["status"]?.GetValue<string>() ?? "",
                    Reason = condition["reason"]?.GetValue<string>() ?? "",
                    Message = condition["message"]?.GetValue<string>() ?? "",
                    LastTransitionTime = ApplicationMapper.Time(condition["lastTransitionTime"]?.GetValue<string>()),
                });
            }

            item.Applications.AddRange(ApplicationMapper.Objects(set.Get("status", "resources")).Select(r => r["name"]?.GetValue<string>() ?? "").Where(n => n.Length > 0));
            list.Items.Add(item);
        }

        return list;
    }

    private static void RefuseWhileOperating(KubeObject app)
    {
        if (app.Get("operation") is not null || app.GetString("status", "operationState", "phase") is "Running" or "Terminating")
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "another operation is already in progress"));
        }
    }

    private async Task<Application> StartOperationAsync(KubeObject app, JsonObject sync, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            // The resourceVersion makes the write conditional: an operation started meanwhile wins, this one is refused.
            ["metadata"] = new JsonObject { ["resourceVersion"] = app.GetString("metadata", "resourceVersion") },
            ["operation"] = new JsonObject
            {
                ["sync"] = sync,
                ["initiatedBy"] = new JsonObject { ["username"] = InitiatedBy },
            },
        };
        return ApplicationMapper.ToProto(await PatchAsync(app, patch, cancellationToken), []);
    }

    private async Task<KubeObject> PatchAsync(KubeObject app, JsonObject patch, CancellationToken cancellationToken)
    {
        try
        {
            return await client.PatchAsync(ObjectReference.From(app), patch.ToJsonString(), PatchType.Merge, new Homelab.Kubernetes.Client.WriteOptions(), cancellationToken);
        }
        catch (NotFoundException)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"application {app.Namespace}/{app.Name} not found"));
        }
        catch (ConflictException)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "the application changed meanwhile (another operation may have started): try again"));
        }
    }

    /// <summary>Mutations start from the API server's copy, so the running-operation check is not fooled by a lagging cache.</summary>
    private async Task<KubeObject> LiveAsync(ApplicationRef reference, CancellationToken cancellationToken)
    {
        Validate(reference);
        var ns = Namespace(reference);
        return await client.TryGetAsync(new ObjectReference(ArgoKinds.ApiVersion, ArgoKinds.Application, ns, reference.Name), cancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"application {ns}/{reference.Name} not found"));
    }

    private async Task<KubeObject> CachedAsync(ApplicationRef? reference, CancellationToken cancellationToken)
    {
        Validate(reference);
        var informer = await InformerAsync(ArgoKinds.Application, cancellationToken);
        var ns = Namespace(reference!);
        return informer.Get(ns, reference!.Name)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"application {ns}/{reference.Name} not found"));
    }

    private async Task<ResourceInformer> InformerAsync(string kind, CancellationToken cancellationToken)
    {
        var informer = await cache.WatchAsync(ArgoKinds.Group, kind, cancellationToken);
        await informer.Synced.WaitAsync(cancellationToken);
        return informer;
    }

    private static void Validate(ApplicationRef? reference)
    {
        if (reference is null || string.IsNullOrWhiteSpace(reference.Name))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "an application name is required"));
        }
    }

    private string Namespace(ApplicationRef reference) => reference.Namespace.Length > 0 ? reference.Namespace : _defaultNamespace;

    private static LabelSelector? Selector(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return LabelSelector.Parse(text);
        }
        catch (FormatException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid label selector '{text}': {e.Message}"));
        }
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}
