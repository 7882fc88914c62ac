using Grpc.Core;
using Homelab.Api.Infrastructure.V1;
using Homelab.Controllers.Hosting;
using Homelab.Infrastructure.Layer;
using Homelab.Infrastructure.Sources;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using Microsoft.AspNetCore.Authorization;

namespace Homelab.Infrastructure.ApiService;

/// <summary>
/// The infrastructure reconciler's gRPC API (infrastructure.proto): reads come from the watch cache;
/// Reconcile, Suspend and Resume patch the object as the flux CLI does and need the API token.
/// </summary>
[Authorize(Policy = ApiAuthorization.Read)]
public sealed class InfrastructureApi(FluxObjects objects, ReconcileRequests requests, TimeProvider time) : InfrastructureService.InfrastructureServiceBase
{
    private static readonly (string Group, string Kind)[] SourceKinds =
        [(FluxKinds.SourceGroup, FluxKinds.GitRepository), (FluxKinds.SourceGroup, FluxKinds.HelmRepository)];

    public override Task<FluxObjectList> ListSources(ListRequest request, ServerCallContext context) =>
        ListAsync(request.Kinds.Count == 0 ? SourceKinds : [.. request.Kinds.Select(ApiErrors.Kind).Where(SourceKinds.Contains)], request.Namespace, context);

    public override Task<FluxObjectList> ListKustomizations(ListRequest request, ServerCallContext context) =>
        ListAsync([(FluxKinds.KustomizeGroup, FluxKinds.Kustomization)], request.Namespace, context);

    public override Task<FluxObjectList> ListHelmReleases(ListRequest request, ServerCallContext context) =>
        ListAsync([(FluxKinds.HelmGroup, FluxKinds.HelmRelease)], request.Namespace, context);

    public override async Task<FluxObject> Get(ObjectRef request, ServerCallContext context) =>
        FluxObjectMapper.ToProto(await FindAsync(request, context.CancellationToken));

    public override Task Watch(ListRequest request, IServerStreamWriter<FluxObjectEvent> responseStream, ServerCallContext context)
    {
        var kinds = request.Kinds.Count == 0 ? FluxKinds.All : [.. request.Kinds.Select(ApiErrors.Kind).Distinct()];
        return ObjectWatch.RunAsync(objects, kinds, request.Namespace, responseStream, context.CancellationToken);
    }

    public override Task WatchLayer(WatchLayerRequest request, IServerStreamWriter<LayerStatus> responseStream, ServerCallContext context)
    {
        foreach (var reference in request.Kustomizations)
        {
            if (string.IsNullOrWhiteSpace(reference.Name))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "every Kustomization needs a name"));
            }

            if (reference.Kind.Length > 0 && !string.Equals(reference.Kind, FluxKinds.Kustomization, StringComparison.OrdinalIgnoreCase))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"WatchLayer watches Kustomizations, not '{reference.Kind}'"));
            }
        }

        return LayerWatch.RunAsync(objects.Cache, [.. request.Kustomizations], time, responseStream, context.CancellationToken);
    }

    [Authorize(Policy = ApiAuthorization.Mutate)]
    public override async Task<FluxObject> Reconcile(ReconcileRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var obj = await FindAsync(request.Ref, ct);
        if (await requests.IsSuspendedAsync(obj, ct))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "resource is suspended"));
        }

        if (request.WithSource && FluxObjectMapper.SourceOf(obj) is { } sourceRef)
        {
            var source = await FindAsync(sourceRef, ct);
            if (await requests.IsSuspendedAsync(source, ct))
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"source {source.Kind} '{source.Namespace}/{source.Name}' is suspended"));
            }

            var (_, sourceRequestedAt) = await PatchAsync(() => requests.RequestAsync(source, ct), source);
            if (request.Wait)
            {
                await requests.WaitHandledAsync(source, sourceRequestedAt, ct);
            }
        }

        var (patched, requestedAt) = await PatchAsync(() => requests.RequestAsync(obj, ct), obj);
        if (!request.Wait)
        {
            return FluxObjectMapper.ToProto(patched);
        }

        var handled = await requests.WaitHandledAsync(obj, requestedAt, ct)
            ?? throw ApiErrors.NotFound(obj.Kind, obj.Namespace ?? "", obj.Name);
        return FluxObjectMapper.ToProto(handled);
    }

    [Authorize(Policy = ApiAuthorization.Mutate)]
    public override async Task<FluxObject> Suspend(ObjectRef request, ServerCallContext context)
    {
        var obj = await FindAsync(request, context.CancellationToken);
        return FluxObjectMapper.ToProto(await PatchAsync(() => requests.SuspendAsync(obj, context.CancellationToken), obj));
    }

    [Authorize(Policy = ApiAuthorization.Mutate)]
    public override async Task<FluxObject> Resume(ObjectRef request, ServerCallContext context)
    {
        var obj = await FindAsync(request, context.CancellationToken);
        return FluxObjectMapper.ToProto(await PatchAsync(() => requests.ResumeAsync(obj, context.CancellationToken), obj));
    }

    public override async Task<TreeNode> Tree(ObjectRef request, ServerCallContext context)
    {
        var (group, kind, _, _) = ApiErrors.Resolve(request);
        if (kind is not (FluxKinds.Kustomization or FluxKinds.HelmRelease))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"a tree is built from a Kustomization's or HelmRelease's inventory, not a {kind}'s"));
        }

        var root = await FindAsync(request, context.CancellationToken);
        var nested = new Dictionary<(string, string), Kubernetes.Caching.ResourceInformer?>
        {
            [(FluxKinds.KustomizeGroup, FluxKinds.Kustomization)] = await objects.SyncedAsync(FluxKinds.KustomizeGroup, FluxKinds.Kustomization, context.CancellationToken),
            [(FluxKinds.HelmGroup, FluxKinds.HelmRelease)] = await objects.SyncedAsync(FluxKinds.HelmGroup, FluxKinds.HelmRelease, context.CancellationToken),
        };
        try
        {
            return InventoryTree.Build(root, id => nested.GetValueOrDefault((id.Group, id.Kind))?.Get(id.Namespace, id.Name));
        }
        catch (ManifestException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"{group}/{kind} '{root.Namespace}/{root.Name}': {e.Message}"));
        }
    }

    private async Task<FluxObjectList> ListAsync(IReadOnlyList<(string Group, string Kind)> kinds, string @namespace, ServerCallContext context)
    {
        var list = new FluxObjectList();
        list.Items.AddRange((await objects.ListAsync(kinds, @namespace, context.CancellationToken)).Select(FluxObjectMapper.ToProto));
        return list;
    }

    private async Task<KubeObject> FindAsync(ObjectRef reference, CancellationToken cancellationToken)
    {
        var (group, kind, @namespace, name) = ApiErrors.Resolve(reference);
        return await objects.GetAsync(group, kind, @namespace, name, cancellationToken)
            ?? throw ApiErrors.NotFound(kind, @namespace, name);
    }

    /// <summary>Runs a patch; an object deleted in the meantime is NOT_FOUND rather than an internal error.</summary>
    private static async Task<T> PatchAsync<T>(Func<Task<T>> patch, KubeObject obj)
    {
        try
        {
            return await patch();
        }
        catch (NotFoundException)
        {
            throw ApiErrors.NotFound(obj.Kind, obj.Namespace ?? "", obj.Name);
        }
    }
}
