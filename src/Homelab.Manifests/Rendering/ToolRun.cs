using Homelab.Manifests.Objects;
using Homelab.Manifests.Tools;

namespace Homelab.Manifests.Rendering;

/// <summary>Runs kustomize/helm with the render's timeout, turning a timeout into a user-facing error.</summary>
internal static class ToolRun
{
    public static async Task<ProcessResult> RunAsync(
        string tool,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        RenderLimits limits,
        SourceLocation location,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessRunner.RunAsync(tool, arguments, workingDirectory, environment, limits.ToolTimeout, standardInput: null, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new ManifestException(e.Message, location, e);
        }
    }
}
