using Homelab.Api.Common.V1;
using Homelab.Api.Infrastructure.V1;
using Homelab.Cli.Online.Flux;
using Homelab.Cli.Online.Output;

namespace Homelab.Cli.Tests.Online;

/// <summary>
/// The flux CLI's table: header upper-cased, cells padded and tab-terminated, the last header cell
/// followed by a space; hashes shortened to 8; no Ready condition reads "waiting to be reconciled".
/// </summary>
public sealed class FluxLayoutTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Get_kustomizations_matches_flux_layout()
    {
        var text = GetCommand.Render([Apps("flux-system"), Infrastructure("flux-system")], [FluxKind.Kustomization], allNamespaces: false);

        Assert.Equal(Golden.Read("flux-get-kustomizations.txt"), text);
        Assert.StartsWith("NAME          \tREVISION          \tSUSPENDED\tREADY\tMESSAGE", text, StringComparison.Ordinal);
    }

    [Fact]
    public void All_namespaces_adds_a_leading_namespace_column()
    {
        var text = GetCommand.Render([Apps("flux-system"), Infrastructure("tenants")], [FluxKind.Kustomization], allNamespaces: true);

        Assert.Equal(Golden.Read("flux-get-kustomizations-all-namespaces.txt"), text);
        Assert.StartsWith("NAMESPACE  \tNAME", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_all_prints_one_section_per_kind_with_kind_prefixed_names()
    {
        var repository = Item("GitRepository", "flux-system", "homelab", $"main@sha1:{Sha}", "True", $"stored artifact for revision 'main@sha1:{Sha}'");
        var release = Item("HelmRelease", "flux-system", "traefik", "34.1.0", "True", "Helm install succeeded for release ingress/traefik.v1 with chart traefik@34.1.0");

        var text = GetCommand.Render([Apps("flux-system"), release, Infrastructure("flux-system"), repository], FluxKind.All, allNamespaces: false);

        Assert.Equal(Golden.Read("flux-get-all.txt"), text);
        Assert.Contains("\ngitrepository/homelab\t", "\n" + text, StringComparison.Ordinal);
    }

    [Fact]
    public void Watch_rows_after_the_first_have_no_header()
    {
        var first = FluxTable.Render(FluxRows.Headers(false), [FluxRows.Row(Apps("flux-system"), false, false)]);
        var next = FluxTable.Render(null, [FluxRows.Row(Infrastructure("flux-system"), false, false)]);

        Assert.Equal(Golden.Read("flux-watch.txt"), first + next);
    }

    [Fact]
    public void Multi_line_messages_span_lines_in_their_column()
    {
        var text = FluxTable.Render(["Name", "Message"], [["a", "first\nsecond"]]);

        Assert.Equal("NAME\tMESSAGE \na   \tfirst  \t\n    \tsecond \t\n", text);
    }

    [Theory]
    [InlineData("main@sha1:" + Sha, "main@sha1:01234567")]
    [InlineData("sha256:" + Sha + "0123456789abcdef01234567", "sha256:01234567")]
    [InlineData("v1.2.3", "v1.2.3")]
    [InlineData("", "")]
    public void Revisions_are_shortened_like_flux(string revision, string expected) =>
        Assert.Equal(expected, Revisions.TruncateHex(revision));

    [Fact]
    public void Tree_uses_flux_box_drawing()
    {
        var root = Node("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "apps",
            Node("", "Namespace", "", "podinfo"),
            Node("helm.toolkit.fluxcd.io", "HelmRelease", "podinfo", "podinfo",
                Node("", "Service", "podinfo", "podinfo"),
                Node("apps", "Deployment", "podinfo", "podinfo")),
            Node("", "ConfigMap", "podinfo", "settings"));

        Assert.Equal(
            "Kustomization/flux-system/apps\n" +
            "├── Namespace/podinfo\n" +
            "├── HelmRelease/podinfo/podinfo\n" +
            "│   ├── Service/podinfo/podinfo\n" +
            "│   └── Deployment/podinfo/podinfo\n" +
            "└── ConfigMap/podinfo/settings\n",
            TreeRenderer.Render(root));
    }

    private static FluxObject Apps(string ns) =>
        Item("Kustomization", ns, "apps", $"main@sha1:{Sha}", "True", $"Applied revision: main@sha1:{Sha}");

    private static FluxObject Infrastructure(string ns)
    {
        var item = Item("Kustomization", ns, "infrastructure", "", "", "");
        item.Suspended = true;
        return item;
    }

    private static FluxObject Item(string kind, string ns, string name, string revision, string ready, string message) => new()
    {
        Ref = new ObjectRef { Kind = kind, Namespace = ns, Name = name },
        Revision = revision,
        Ready = ready,
        Message = message,
    };

    private static TreeNode Node(string group, string kind, string ns, string name, params TreeNode[] children)
    {
        var node = new TreeNode { Resource = new ResourceRef { Group = group, Kind = kind, Namespace = ns, Name = name } };
        node.Children.AddRange(children);
        return node;
    }
}
