using System.Text;
using Homelab.Api.Common.V1;
using Homelab.Api.Infrastructure.V1;

namespace Homelab.Cli.Online.Flux;

/// <summary>
/// <c>flux tree</c>'s drawing: the root as <c>Kind/namespace/name</c>, children indented with
/// <c>├── </c>, <c>└── </c> and <c>│   </c>; cluster-scoped objects as <c>Kind/name</c>.
/// </summary>
public static class TreeRenderer
{
    public static string Render(TreeNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var text = new StringBuilder().Append(Name(root.Resource)).Append('\n');
        AppendChildren(text, root, "");
        return text.ToString();
    }

    public static string Name(ResourceRef? resource) =>
        resource is null ? "" :
        string.IsNullOrEmpty(resource.Namespace) ? $"{resource.Kind}/{resource.Name}" : $"{resource.Kind}/{resource.Namespace}/{resource.Name}";

    private static void AppendChildren(StringBuilder text, TreeNode node, string prefix)
    {
        for (var i = 0; i < node.Children.Count; i++)
        {
            var last = i == node.Children.Count - 1;
            var child = node.Children[i];
            text.Append(prefix).Append(last ? "└── " : "├── ").Append(Name(child.Resource)).Append('\n');
            AppendChildren(text, child, prefix + (last ? "    " : "│   "));
        }
    }
}
