using System.Text.Json.Nodes;

namespace Homelab.Api.Argo;

/// <summary>
/// An ApplicationSet: generators produce parameter sets, each rendered through <see cref="Template"/>
/// (kept as written, placeholders and all) into an Application.
/// </summary>
public sealed record ApplicationSetSpec(
    IReadOnlyList<ApplicationSetGenerator> Generators,
    JsonObject Template,
    bool GoTemplate,
    IReadOnlyList<string> GoTemplateOptions,
    bool PreserveResourcesOnDeletion);

/// <summary>One generator; exactly one of the kinds is set for a supported generator.</summary>
public sealed record ApplicationSetGenerator(ListGenerator? List, GitGenerator? Git);

public sealed record ListGenerator(IReadOnlyList<JsonObject> Elements);

/// <summary>A Git generator over directories (each path a glob, excludable) or files (JSON/YAML parameter files).</summary>
public sealed record GitGenerator(
    string RepoUrl,
    string Revision,
    IReadOnlyList<GitDirectoryPattern> Directories,
    IReadOnlyList<string> Files,
    string? PathParamPrefix,
    IReadOnlyDictionary<string, string> Values);

public sealed record GitDirectoryPattern(string Path, bool Exclude);
