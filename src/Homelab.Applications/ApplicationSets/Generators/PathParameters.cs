using Homelab.Applications.ApplicationSets.Templates;

namespace Homelab.Applications.ApplicationSets.Generators;

/// <summary>
/// The <c>path</c> parameters of the Git generators. Go-template form: <c>path: {path, basename,
/// basenameNormalized, segments[]}</c> (plus <c>filename</c>, <c>filenameNormalized</c> for files). Flat form:
/// <c>path</c>, <c>path.basename</c>, <c>path.basenameNormalized</c>, <c>path[0]</c>… With a
/// <c>pathParamPrefix</c> everything sits under that name (<c>{{.prefix.path.basename}}</c>, <c>{{prefix.path}}</c>).
/// </summary>
internal static class PathParameters
{
    public static void Add(Dictionary<string, object?> parameters, string directory, string? fileName, string? prefix, bool goTemplate)
    {
        var basename = directory.Length == 0 ? "" : directory.Split('/')[^1];
        var segments = directory.Length == 0 ? [] : directory.Split('/');
        if (goTemplate)
        {
            var path = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["path"] = directory,
                ["basename"] = basename,
                ["basenameNormalized"] = NameNormalizer.Normalize(basename),
                ["segments"] = segments.Cast<object?>().ToList(),
            };
            if (fileName is not null)
            {
                path["filename"] = fileName;
                path["filenameNormalized"] = NameNormalizer.Normalize(fileName);
            }

            if (string.IsNullOrEmpty(prefix))
            {
                parameters["path"] = path;
            }
            else
            {
                parameters[prefix] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = path };
            }

            return;
        }

        var key = string.IsNullOrEmpty(prefix) ? "path" : prefix + ".path";
        parameters[key] = directory;
        parameters[key + ".basename"] = basename;
        parameters[key + ".basenameNormalized"] = NameNormalizer.Normalize(basename);
        if (fileName is not null)
        {
            parameters[key + ".filename"] = fileName;
            parameters[key + ".filenameNormalized"] = NameNormalizer.Normalize(fileName);
        }

        for (var i = 0; i < segments.Length; i++)
        {
            parameters[$"{key}[{i}]"] = segments[i];
        }
    }
}
