using Homelab.Api.Argo;
using Homelab.Applications.ApplicationSets.Templates;
using Homelab.Git.Revisions;

namespace Homelab.Applications.ApplicationSets.Generators;

/// <summary>A Git repository a generator read, and at which commit: for status, requeue and push webhooks.</summary>
public sealed record GitSourceRead(string RepoUrl, string Revision, GitRevision Resolved);

/// <summary>Every generator's parameter sets, concatenated in generator order.</summary>
public sealed record GeneratedParameters(IReadOnlyList<Dictionary<string, object?>> Sets, IReadOnlyList<GitSourceRead> GitSources);

/// <summary>Runs the generators of an ApplicationSet. Only list and git exist; any other kind is refused, never skipped.</summary>
public sealed class ParameterSetGenerator(GitParameterGenerator git)
{
    /// <exception cref="GeneratorException">A generator failed or is not supported; no parameters are returned at all.</exception>
    public async Task<GeneratedParameters> GenerateAsync(ApplicationSetSpec spec, GoTemplateOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var sets = new List<Dictionary<string, object?>>();
        var sources = new List<GitSourceRead>();
        for (var i = 0; i < spec.Generators.Count; i++)
        {
            var generator = spec.Generators[i];
            if (generator.List is { } list)
            {
                sets.AddRange(ListParameters.Generate(list, spec.GoTemplate));
            }
            else if (generator.Git is { } gitGenerator)
            {
                var generation = await git.GenerateAsync(gitGenerator, spec.GoTemplate, options, cancellationToken);
                sets.AddRange(generation.Parameters);
                sources.Add(new GitSourceRead(gitGenerator.RepoUrl, gitGenerator.Revision, generation.Revision));
            }
            else
            {
                // A generator we cannot run would silently drop its Applications, and then delete them.
                throw new GeneratorException($"spec.generators[{i}]: generator is not supported yet (supported: list, git directories and files; matrix and merge are not)");
            }
        }

        return new GeneratedParameters(sets, sources);
    }
}
