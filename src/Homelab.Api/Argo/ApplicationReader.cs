using Homelab.Api.Specs;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Argo;

/// <summary>
/// Reads an Application's spec. Problems Argo CD reports as <c>InvalidSpecError</c> (no source, both
/// source and sources, no destination) are Invalid here, worded as Argo CD words them.
/// </summary>
public static class ApplicationReader
{
    public const string DefaultProject = "default";

    public const int DefaultRevisionHistoryLimit = 10;

    public static SpecResult<ApplicationSpec> Read(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var log = new ProblemLog();
        var spec = SpecFields.Spec(obj, log);
        var result = Read(spec);
        return new(result, log.Problems);
    }

    private static ApplicationSpec Read(SpecFields spec)
    {
        spec.OnlyKnown("source", "sources", "destination", "project", "syncPolicy", "ignoreDifferences", "revisionHistoryLimit", "info", "sourceHydrator");
        spec.Unsupported("sourceHydrator", "source hydration is not supported");

        var single = spec.Object("source");
        var multiple = spec.Objects("sources");
        if (single is not null && spec.Has("sources"))
        {
            spec.Log.Invalid("spec", "application spec must not have both source and sources defined");
        }
        else if (single is null && multiple.Count == 0)
        {
            spec.Log.Invalid("spec.source", "application spec must have a source or sources defined");
        }

        var sources = single is not null ? [ApplicationSourceReader.Read(single)] : multiple.Select(ApplicationSourceReader.Read).ToList();
        var limit = spec.Integer("revisionHistoryLimit") ?? DefaultRevisionHistoryLimit;
        if (limit < 0)
        {
            spec.Invalid("revisionHistoryLimit", "must not be negative");
        }

        return new ApplicationSpec(
            sources,
            single is null && multiple.Count > 0,
            ReadDestination(spec),
            spec.String("project") is { Length: > 0 } project ? project : DefaultProject,
            ReadSyncPolicy(spec.Object("syncPolicy")),
            [.. spec.Objects("ignoreDifferences").Select(IgnoreDifferences)],
            (int)Math.Clamp(limit, 0, int.MaxValue));
    }

    private static ApplicationDestination ReadDestination(SpecFields spec)
    {
        var destination = spec.Object("destination");
        if (destination is null)
        {
            spec.Log.Invalid("spec.destination", "Destination server missing from app spec");
            return new ApplicationDestination(null, null, null);
        }

        destination.OnlyKnown("server", "name", "namespace");
        var server = destination.String("server") is { Length: > 0 } s ? s : null;
        var name = destination.String("name") is { Length: > 0 } n ? n : null;
        if (server is null && name is null)
        {
            spec.Log.Invalid(destination.Path, "Destination server missing from app spec");
        }
        else if (server is not null && name is not null)
        {
            spec.Log.Invalid(destination.Path, $"application destination can't have both name and server defined: {name} {server}");
        }

        return new ApplicationDestination(server, name, destination.String("namespace") is { Length: > 0 } ns ? ns : null);
    }

    private static SyncPolicy? ReadSyncPolicy(SpecFields? policy)
    {
        if (policy is null)
        {
            return null;
        }

        policy.OnlyKnown("automated", "syncOptions", "retry", "managedNamespaceMetadata");
        policy.Unsupported("managedNamespaceMetadata", "labels and annotations for created namespaces are not supported yet");
        var automated = policy.Object("automated");
        automated?.OnlyKnown("prune", "selfHeal", "allowEmpty", "enabled");
        return new SyncPolicy(
            automated is null ? null : new AutomatedSync(automated.Bool("enabled", true), automated.Bool("prune"), automated.Bool("selfHeal"), automated.Bool("allowEmpty")),
            policy.Strings("syncOptions"),
            ReadRetry(policy.Object("retry")));
    }

    private static RetryStrategy? ReadRetry(SpecFields? retry)
    {
        if (retry is null)
        {
            return null;
        }

        retry.OnlyKnown("limit", "backoff", "refresh");
        retry.Unsupported("refresh", "refreshing during retries is not supported yet");
        var backoff = retry.Object("backoff");
        backoff?.OnlyKnown("duration", "factor", "maxDuration");
        var factor = backoff?.Integer("factor") ?? RetryStrategy.DefaultFactor;
        if (factor < 1)
        {
            backoff!.Invalid("factor", "must be 1 or more");
        }

        return new RetryStrategy(
            retry.Integer("limit") ?? 0,
            backoff?.Duration("duration") ?? RetryStrategy.DefaultDuration,
            factor,
            backoff?.Duration("maxDuration") ?? RetryStrategy.DefaultMaxDuration);
    }

    private static ResourceIgnoreDifferences IgnoreDifferences(SpecFields entry)
    {
        entry.OnlyKnown("group", "kind", "name", "namespace", "jsonPointers", "jqPathExpressions", "managedFieldsManagers");
        return new ResourceIgnoreDifferences(
            entry.String("group") ?? "",
            entry.RequiredString("kind"),
            entry.String("name"),
            entry.String("namespace"),
            entry.Strings("jsonPointers"),
            entry.Strings("jqPathExpressions"),
            entry.Strings("managedFieldsManagers"));
    }
}
