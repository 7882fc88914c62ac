using Homelab.Api.Infrastructure.V1;
using Homelab.Cli.Online.Output;

namespace Homelab.Cli.Online.Flux;

/// <summary>
/// The columns of <c>flux get</c> for every kind: NAME REVISION SUSPENDED READY MESSAGE, with a leading
/// NAMESPACE for <c>-A</c> and kind-prefixed names (<c>gitrepository/homelab</c>) in <c>get all</c>.
/// </summary>
public static class FluxRows
{
    public static IReadOnlyList<string> Headers(bool allNamespaces) =>
        allNamespaces
            ? ["Namespace", "Name", "Revision", "Suspended", "Ready", "Message"]
            : ["Name", "Revision", "Suspended", "Ready", "Message"];

    public static IReadOnlyList<string> Row(FluxObject item, bool allNamespaces, bool includeKind)
    {
        ArgumentNullException.ThrowIfNull(item);
        var name = includeKind ? $"{item.Ref.Kind.ToLowerInvariant()}/{item.Ref.Name}" : item.Ref.Name;
        // No Ready condition yet: flux shows False, "waiting to be reconciled".
        var (ready, message) = string.IsNullOrEmpty(item.Ready) ? ("False", "waiting to be reconciled") : (item.Ready, item.Message);
        var row = new List<string>(6);
        if (allNamespaces)
        {
            row.Add(item.Ref.Namespace);
        }

        row.AddRange([name, Revisions.TruncateHex(item.Revision), item.Suspended ? "True" : "False", ready, Revisions.TruncateHex(message)]);
        return row;
    }
}
