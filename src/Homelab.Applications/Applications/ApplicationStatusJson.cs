using System.Text.Json.Nodes;
using Homelab.Applications.Comparison;

namespace Homelab.Applications.Applications;

/// <summary>Pieces of an Application's status in Argo CD's JSON shape.</summary>
public static class ApplicationStatusJson
{
    /// <summary>
    /// <c>revision</c> + <c>source</c> for a single-source app, <c>revisions</c> + <c>sources</c> for a
    /// multi-source one (sources copied as written in the spec).
    /// </summary>
    public static void AddRevisionAndSources(JsonObject target, ValidatedApplication app, IReadOnlyList<string> revisions)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(revisions);
        if (app.Spec.IsMultiSource)
        {
            target["revisions"] = new JsonArray([.. revisions.Select(r => (JsonNode?)JsonValue.Create(r))]);
            target["sources"] = app.Object.Get("spec", "sources")?.DeepClone();
        }
        else
        {
            target["revision"] = revisions.FirstOrDefault() ?? "";
            target["source"] = app.Object.Get("spec", "source")?.DeepClone();
        }
    }

    /// <summary><c>sync.comparedTo</c>: the sources and the destination the comparison used.</summary>
    public static JsonObject ComparedTo(ValidatedApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var comparedTo = new JsonObject();
        if (app.Spec.IsMultiSource)
        {
            comparedTo["sources"] = app.Object.Get("spec", "sources")?.DeepClone();
        }
        else
        {
            comparedTo["source"] = app.Object.Get("spec", "source")?.DeepClone();
        }

        comparedTo["destination"] = app.Object.Get("spec", "destination")?.DeepClone();
        return comparedTo;
    }

    /// <summary>One <c>status.resources[]</c> entry.</summary>
    public static JsonObject Resource(ResourceComparison resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var json = new JsonObject
        {
            ["group"] = resource.Id.Group,
            ["version"] = resource.Version,
            ["kind"] = resource.Id.Kind,
            ["namespace"] = resource.Id.Namespace ?? "",
            ["name"] = resource.Id.Name,
            ["status"] = resource.Status,
        };
        if (resource.HealthStatus.Length > 0)
        {
            var health = new JsonObject { ["status"] = resource.HealthStatus };
            if (resource.HealthMessage.Length > 0)
            {
                health["message"] = resource.HealthMessage;
            }

            json["health"] = health;
        }

        if (resource.Hook)
        {
            json["hook"] = true;
        }

        if (resource.RequiresPruning)
        {
            json["requiresPruning"] = true;
        }

        json["syncWave"] = resource.SyncWave;
        return json;
    }
}
