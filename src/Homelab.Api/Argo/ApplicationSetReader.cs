using Homelab.Api.Specs;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Argo;

public static class ApplicationSetReader
{
    private static readonly string[] OtherGenerators = ["clusters", "matrix", "merge", "scmProvider", "pullRequest", "clusterDecisionResource", "plugin"];

    public static SpecResult<ApplicationSetSpec> Read(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var log = new ProblemLog();
        var spec = SpecFields.Spec(obj, log);
        spec.OnlyKnown("generators", "template", "goTemplate", "goTemplateOptions", "syncPolicy", "strategy", "templatePatch",
            "ignoreApplicationDifferences", "preservedFields", "applyNestedSelectors");
        spec.Unsupported("strategy", "progressive syncs are not supported yet; all Applications are updated at once");
        spec.Unsupported("templatePatch", "template patches are not supported yet");
        spec.Unsupported("ignoreApplicationDifferences", "is not supported yet");
        spec.Unsupported("preservedFields", "is not supported yet");
        spec.Unsupported("applyNestedSelectors", "nested generators are not supported");

        var generators = spec.Objects("generators").Select(Generator).ToList();
        if (generators.Count == 0 && !spec.Has("generators"))
        {
            spec.Invalid("generators", "is required");
        }

        var template = spec.RawObject("template");
        if (template is null)
        {
            spec.Invalid("template", "is required");
        }

        var syncPolicy = spec.Object("syncPolicy");
        syncPolicy?.OnlyKnown("preserveResourcesOnDeletion", "applicationsSync");
        syncPolicy?.Unsupported("applicationsSync", "the Application sync policy is not supported yet; Applications are created, updated and deleted");
        var result = new ApplicationSetSpec(
            generators,
            template ?? [],
            spec.Bool("goTemplate"),
            spec.Strings("goTemplateOptions"),
            syncPolicy?.Bool("preserveResourcesOnDeletion") ?? false);
        return new(result, log.Problems);
    }

    private static ApplicationSetGenerator Generator(SpecFields generator)
    {
        generator.OnlyKnown(["list", "git", "selector", .. OtherGenerators]);
        foreach (var other in OtherGenerators)
        {
            generator.Unsupported(other, $"the {other} generator is not supported yet (supported: list, git)");
        }

        generator.Unsupported("selector", "generator selectors are not supported yet");
        return new ApplicationSetGenerator(ReadList(generator.Object("list")), ReadGit(generator.Object("git")));
    }

    private static ListGenerator? ReadList(SpecFields? list)
    {
        if (list is null)
        {
            return null;
        }

        list.OnlyKnown("elements", "elementsYaml", "template");
        list.Unsupported("elementsYaml", "elementsYaml is not supported yet; use elements");
        list.Unsupported("template", "per-generator templates are not supported yet");
        return new ListGenerator([.. list.Objects("elements").Select(e => e.Self())]);
    }

    private static GitGenerator? ReadGit(SpecFields? git)
    {
        if (git is null)
        {
            return null;
        }

        git.OnlyKnown("repoURL", "revision", "directories", "files", "pathParamPrefix", "values", "requeueAfterSeconds", "template");
        git.Unsupported("template", "per-generator templates are not supported yet");
        git.Integer("requeueAfterSeconds");
        var directories = git.Objects("directories").Select(d =>
        {
            d.OnlyKnown("path", "exclude");
            return new GitDirectoryPattern(d.RequiredString("path"), d.Bool("exclude"));
        }).ToList();
        var files = git.Objects("files").Select(f =>
        {
            f.OnlyKnown("path", "exclude");
            f.Unsupported("exclude", "excluding files is not supported yet");
            return f.RequiredString("path");
        }).ToList();
        if (directories.Count == 0 && files.Count == 0)
        {
            git.Log.Invalid(git.Path, "a git generator needs directories or files");
        }

        return new GitGenerator(
            git.RequiredString("repoURL"),
            git.String("revision") is { Length: > 0 } revision ? revision : ApplicationSourceReader.DefaultTargetRevision,
            directories,
            files,
            git.String("pathParamPrefix"),
            git.StringMap("values"));
    }
}
