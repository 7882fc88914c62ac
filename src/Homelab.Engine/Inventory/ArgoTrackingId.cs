using Homelab.Manifests.Objects;

namespace Homelab.Engine.Inventory;

/// <summary>
/// Argo CD's <c>argocd.argoproj.io/tracking-id</c> value: <c>&lt;app&gt;:&lt;group&gt;/&lt;kind&gt;:&lt;namespace&gt;/&lt;name&gt;</c>.
/// The app part is the instance name: the app's name, or <c>&lt;appNamespace&gt;_&lt;appName&gt;</c> for an
/// Application outside the control-plane namespace. It names the object too, so an annotation copied
/// onto another object does not make that object ours.
/// </summary>
public sealed record ArgoTrackingId(string AppInstance, string Group, string Kind, string? Namespace, string Name)
{
    public const string Annotation = "argocd.argoproj.io/tracking-id";

    public ObjectId ObjectId => new(Group, Kind, Namespace, Name);

    public static ArgoTrackingId For(string appInstance, ObjectId id) => new(appInstance, id.Group, id.Kind, id.Namespace, id.Name);

    /// <summary>The app part of the id for an Application named <paramref name="appName"/> in <paramref name="appNamespace"/>.</summary>
    public static string InstanceName(string appName, string appNamespace, string controlPlaneNamespace) =>
        appNamespace == controlPlaneNamespace || appNamespace.Length == 0 ? appName : $"{appNamespace}_{appName}";

    public override string ToString() => $"{AppInstance}:{Group}/{Kind}:{Namespace}/{Name}";

    public static bool TryParse(string? text, out ArgoTrackingId? id)
    {
        id = null;
        var parts = text?.Split(':');
        if (parts is not { Length: 3 } || parts[0].Length == 0)
        {
            return false;
        }

        var groupKind = parts[1].Split('/');
        var namespaceName = parts[2].Split('/');
        if (groupKind.Length != 2 || groupKind[1].Length == 0 || namespaceName.Length != 2 || namespaceName[1].Length == 0)
        {
            return false;
        }

        id = new ArgoTrackingId(parts[0], groupKind[0], groupKind[1], namespaceName[0].Length == 0 ? null : namespaceName[0], namespaceName[1]);
        return true;
    }

    public static ArgoTrackingId Parse(string text) =>
        TryParse(text, out var id) ? id! : throw new FormatException($"'{text}' is not an Argo CD tracking id (<app>:<group>/<kind>:<namespace>/<name>)");
}
