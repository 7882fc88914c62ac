using System.Text.Json.Nodes;

namespace Homelab.Api.Argo;

/// <summary>
/// What an Argo CD Application asks for. <see cref="Sources"/> holds <c>spec.source</c> as its only entry,
/// or the entries of <c>spec.sources</c>; <see cref="IsMultiSource"/> says which was written.
/// </summary>
public sealed record ApplicationSpec(
    IReadOnlyList<ApplicationSource> Sources,
    bool IsMultiSource,
    ApplicationDestination Destination,
    string Project,
    SyncPolicy? SyncPolicy,
    IReadOnlyList<ResourceIgnoreDifferences> IgnoreDifferences,
    int RevisionHistoryLimit);

public sealed record ApplicationSource(
    string RepoUrl,
    string TargetRevision,
    string? Path,
    string? Chart,
    string? Ref,
    DirectorySource? Directory,
    HelmSource? Helm,
    KustomizeSource? Kustomize);

public sealed record DirectorySource(bool Recurse, string? Include, string? Exclude);

public sealed record HelmSource(
    IReadOnlyList<string> ValueFiles,
    string? Values,
    JsonObject? ValuesObject,
    IReadOnlyList<HelmSourceParameter> Parameters,
    string? ReleaseName,
    bool IgnoreMissingValueFiles,
    bool SkipCrds,
    string? Namespace);

public sealed record HelmSourceParameter(string Name, string Value, bool ForceString);

public sealed record KustomizeSource(
    string? NamePrefix,
    string? NameSuffix,
    IReadOnlyDictionary<string, string> CommonLabels,
    IReadOnlyDictionary<string, string> CommonAnnotations,
    IReadOnlyList<string> Images,
    IReadOnlyList<KustomizeReplica> Replicas,
    IReadOnlyList<JsonObject> Patches,
    IReadOnlyList<string> Components,
    string? Namespace);

public sealed record KustomizeReplica(string Name, long Count);

/// <summary>Where to deploy: a cluster by <see cref="Server"/> URL or by <see cref="Name"/>, and the namespace for objects without one.</summary>
public sealed record ApplicationDestination(string? Server, string? Name, string? Namespace);

/// <summary>
/// <c>syncPolicy</c>. Sync options are kept as the strings written (<c>CreateNamespace=true</c>); the engine's
/// plan stage parses them, so their meaning lives in one place.
/// </summary>
public sealed record SyncPolicy(AutomatedSync? Automated, IReadOnlyList<string> SyncOptions, RetryStrategy? Retry);

public sealed record AutomatedSync(bool Enabled, bool Prune, bool SelfHeal, bool AllowEmpty);

/// <summary>Retry with backoff: wait = duration × factor^n, capped at maxDuration; a limit of -1 retries forever.</summary>
public sealed record RetryStrategy(long Limit, TimeSpan Duration, long Factor, TimeSpan MaxDuration)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);
    public const long DefaultFactor = 2;
    public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromMinutes(3);
}

public sealed record ResourceIgnoreDifferences(
    string Group,
    string Kind,
    string? Name,
    string? Namespace,
    IReadOnlyList<string> JsonPointers,
    IReadOnlyList<string> JqPathExpressions,
    IReadOnlyList<string> ManagedFieldsManagers);
