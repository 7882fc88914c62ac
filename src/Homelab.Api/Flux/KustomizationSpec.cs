using System.Text.Json.Nodes;

namespace Homelab.Api.Flux;

/// <summary>
/// What a Flux Kustomization asks for, with Flux's defaults applied: <see cref="RetryInterval"/> is the
/// interval when unset and <see cref="Timeout"/> is interval − 30 s, never below 30 s.
/// </summary>
public sealed record KustomizationSpec(
    TimeSpan Interval,
    TimeSpan RetryInterval,
    TimeSpan Timeout,
    SourceReference SourceRef,
    string Path,
    bool Prune,
    bool Wait,
    IReadOnlyList<HealthCheckReference> HealthChecks,
    IReadOnlyList<DependencyReference> DependsOn,
    bool Suspend,
    string? TargetNamespace,
    bool Force,
    PostBuild? PostBuild,
    IReadOnlyList<JsonObject> Patches,
    IReadOnlyList<ImageOverride> Images,
    IReadOnlyList<string> Components,
    CommonMetadata? CommonMetadata,
    string? NamePrefix,
    string? NameSuffix,
    string? ServiceAccountName);

/// <summary>An object whose health gates readiness (ignored when <c>wait</c> is on: then everything is checked).</summary>
public sealed record HealthCheckReference(string ApiVersion, string Kind, string Name, string? Namespace);

/// <summary>Post-build <c>${var}</c> substitution: inline variables win over those read from ConfigMaps/Secrets.</summary>
public sealed record PostBuild(IReadOnlyDictionary<string, string> Substitute, IReadOnlyList<SubstituteReference> SubstituteFrom);

public sealed record SubstituteReference(string Kind, string Name, bool Optional);

/// <summary>A kustomize image override.</summary>
public sealed record ImageOverride(string Name, string? NewName, string? NewTag, string? Digest);

/// <summary>Labels and annotations added to every object applied.</summary>
public sealed record CommonMetadata(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);
