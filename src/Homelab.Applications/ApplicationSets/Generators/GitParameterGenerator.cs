using Homelab.Api.Argo;
using Homelab.Applications.ApplicationSets.Templates;
using Homelab.Git;
using Homelab.Git.Credentials;
using Homelab.Git.Fetching;
using Homelab.Git.Mapping;
using Homelab.Git.Refs;
using Homelab.Git.Revisions;
using Homelab.Git.Snapshots;

namespace Homelab.Applications.ApplicationSets.Generators;

/// <summary>The parameters of one Git generator and the revision they were read at.</summary>
public sealed record GitGeneration(GitRevision Revision, IReadOnlyList<Dictionary<string, object?>> Parameters);

/// <summary>
/// Runs a Git generator: resolves <c>revision</c> like an Application's <c>targetRevision</c> (one ls-remote,
/// a fetch only when the ref moved; URL mappings apply), leases the commit's read-only snapshot and reads
/// directories or files from it. <c>values</c> are rendered with each parameter set and added under <c>values</c>.
/// </summary>
public sealed class GitParameterGenerator(GitSourceClient client, SnapshotStore snapshots, Func<string, CancellationToken, Task<GitCredentials>>? credentials = null)
{
    // Argo reads the whole repository; Flux's default exclusions (CI files, images…) do not apply here.
    private const string ExcludeNothing = "";

    /// <exception cref="GeneratorException">Git failed or a file could not be read; the message names the repository and cause.</exception>
    public async Task<GitGeneration> GenerateAsync(GitGenerator git, bool goTemplate, GoTemplateOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(options);
        GitSyncResult synced;
        SnapshotLease lease;
        try
        {
            var creds = credentials is null ? GitCredentials.Anonymous : await credentials(git.RepoUrl, cancellationToken);
            synced = await client.SyncAsync(new GitSourceRequest(git.RepoUrl, ArgoTargetRevision.ToSelector(git.Revision), creds), previous: null, cancellationToken);
            lease = await snapshots.AcquireAsync(synced.CacheRepositoryPath, synced.Revision, ExcludeNothing, cancellationToken);
        }
        catch (Exception e) when (e is GitSourceException or GitCredentialsException)
        {
            throw new GeneratorException($"git generator: {GitUrl.Scrub(git.RepoUrl)} at '{git.Revision}': {e.Message}");
        }

        using var held = lease;
        var parameters = git.Directories.Count > 0
            ? GitDirectoryParameters.Generate(lease.Path, git.Directories, git.PathParamPrefix, goTemplate)
            : GitFileParameters.Generate(lease.Path, git.Files, git.PathParamPrefix, goTemplate);
        if (git.Values.Count > 0)
        {
            foreach (var set in parameters)
            {
                AddValues(set, git.Values, goTemplate, options);
            }
        }

        return new GitGeneration(synced.Revision, parameters);
    }

    private static void AddValues(Dictionary<string, object?> parameters, IReadOnlyDictionary<string, string> values, bool goTemplate, GoTemplateOptions options)
    {
        var flat = goTemplate ? null : parameters.Where(p => p.Value is string).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
        var rendered = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, template) in values)
        {
            try
            {
                rendered[key] = flat is null ? GoTemplate.Render(template, parameters, options) : FlatTemplate.Render(template, flat);
            }
            catch (TemplateException e)
            {
                throw new GeneratorException($"git generator values.{key}: {e.Message}");
            }
        }

        if (goTemplate)
        {
            parameters["values"] = rendered;
            return;
        }

        foreach (var (key, value) in rendered)
        {
            parameters["values." + key] = value;
        }
    }
}
