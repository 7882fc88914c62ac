using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Homelab.Applications.ApplicationSets.Templates;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.ApplicationSets;

/// <summary>
/// Turns parameter sets into the Applications an ApplicationSet wants: the rendered template's name, labels,
/// annotations, finalizers and spec, in the ApplicationSet's namespace, controlled by it (owner reference).
/// Names must be valid and unique, or nothing is generated.
/// </summary>
public static partial class DesiredApplications
{
    public const string ApiVersion = "argoproj.io/v1alpha1";
    public const string ApplicationKind = "Application";
    public const string ApplicationSetKind = "ApplicationSet";

    /// <exception cref="ApplicationSetException">A template failed to render or produced an unusable Application.</exception>
    public static IReadOnlyList<KubeObject> Build(KubeObject applicationSet, JsonObject template, IReadOnlyList<Dictionary<string, object?>> parameterSets, ApplicationTemplateRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(applicationSet);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameterSets);
        ArgumentNullException.ThrowIfNull(renderer);
        var applications = new List<KubeObject>(parameterSets.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameters in parameterSets)
        {
            JsonObject rendered;
            try
            {
                rendered = renderer.Render(template, parameters);
            }
            catch (TemplateException e)
            {
                throw new ApplicationSetException(ApplicationSetReasons.RenderTemplateParamsError, e.Message);
            }

            var application = Application(applicationSet, rendered);
            if (!names.Add(application.Name))
            {
                throw new ApplicationSetException(ApplicationSetReasons.ValidationError, $"ApplicationSet {applicationSet.Name} contains applications with duplicate name: {application.Name}");
            }

            applications.Add(application);
        }

        return applications;
    }

    private static KubeObject Application(KubeObject applicationSet, JsonObject rendered)
    {
        var templateMetadata = rendered["metadata"] as JsonObject ?? [];
        var name = (templateMetadata["name"] as JsonValue)?.TryGetValue<string>(out var text) == true ? text : "";
        if (!DnsSubdomain().IsMatch(name) || name.Length > 253)
        {
            throw new ApplicationSetException(ApplicationSetReasons.ValidationError,
                name.Length == 0
                    ? "the template renders an Application without metadata.name"
                    : $"the template renders an invalid Application name '{name}' (lower case letters, digits, '-' and '.'; start and end alphanumeric)");
        }

        if (rendered["spec"] is not JsonObject)
        {
            throw new ApplicationSetException(ApplicationSetReasons.ValidationError, $"Application {name}: the template has no spec");
        }

        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = applicationSet.Namespace,
        };
        foreach (var key in new[] { "labels", "annotations", "finalizers" })
        {
            if (templateMetadata[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
        }

        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = ApplicationSetKind,
            ["name"] = applicationSet.Name,
            ["uid"] = applicationSet.GetString("metadata", "uid") ?? "",
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });

        return new KubeObject(new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = ApplicationKind,
            ["metadata"] = metadata,
            ["spec"] = rendered["spec"]!.DeepClone(),
        });
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();
}
