using Homelab.Engine.Inventory;
using Homelab.Manifests.Objects;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Inventory;

public sealed class TrackingTests
{
    [Theory]
    [InlineData("guestbook:apps/Deployment:default/guestbook-ui", "guestbook", "apps", "Deployment", "default", "guestbook-ui")]
    [InlineData("guestbook:/Service:default/guestbook-ui", "guestbook", "", "Service", "default", "guestbook-ui")]
    [InlineData("team-a_shop:rbac.authorization.k8s.io/ClusterRole:/shop-reader", "team-a_shop", "rbac.authorization.k8s.io", "ClusterRole", null, "shop-reader")]
    public void Tracking_ids_parse_and_format(string text, string app, string group, string kind, string? ns, string name)
    {
        var id = ArgoTrackingId.Parse(text);

        Assert.Equal(new ArgoTrackingId(app, group, kind, ns, name), id);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("guestbook")]
    [InlineData("guestbook:Deployment:default/x")]
    [InlineData("guestbook:apps/Deployment:x")]
    [InlineData(":apps/Deployment:default/x")]
    [InlineData("a:b:c:d")]
    public void Malformed_tracking_ids_are_rejected(string text)
    {
        Assert.False(ArgoTrackingId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ArgoTrackingId.Parse(text));
    }

    [Fact]
    public void Instance_name_is_prefixed_outside_the_control_plane_namespace()
    {
        Assert.Equal("shop", ArgoTrackingId.InstanceName("shop", "argocd", "argocd"));
        Assert.Equal("team-a_shop", ArgoTrackingId.InstanceName("shop", "team-a", "argocd"));
    }

    [Fact]
    public void Argo_annotation_mark_stamps_and_recognises_its_objects()
    {
        var obj = Yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n");
        var mark = new ArgoOwnerMark("shop");

        mark.Stamp(obj);

        Assert.Equal("shop:apps/Deployment:shop/web", obj.GetAnnotation(ArgoTrackingId.Annotation));
        Assert.True(mark.IsMarked(obj));
        Assert.False(new ArgoOwnerMark("blog").IsMarked(obj));
        obj.Name = "renamed-copy";
        Assert.False(mark.IsMarked(obj));
    }

    [Fact]
    public void Argo_label_mark_for_legacy_tracking()
    {
        var obj = Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n");
        var mark = new ArgoOwnerMark("shop", ArgoTrackingMethod.Label, ArgoOwnerMark.ArgoInstanceLabel);

        mark.Stamp(obj);

        Assert.Equal("shop", obj.GetLabel("argocd.argoproj.io/instance"));
        Assert.Null(obj.GetAnnotation(ArgoTrackingId.Annotation));
        Assert.True(mark.IsMarked(obj));
        Assert.False(new ArgoOwnerMark("shop", ArgoTrackingMethod.Label).IsMarked(obj));
    }

    [Fact]
    public void Flux_mark_needs_both_labels()
    {
        var obj = Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: apps}\n");
        var mark = new FluxOwnerMark("apps", "flux-system");

        Assert.False(mark.IsMarked(obj));
        mark.Stamp(obj);

        Assert.Equal("apps", obj.GetLabel(FluxOwnerMark.NameLabel));
        Assert.Equal("flux-system", obj.GetLabel(FluxOwnerMark.NamespaceLabel));
        Assert.True(mark.IsMarked(obj));
        Assert.False(new FluxOwnerMark("apps", "other").IsMarked(obj));
        Assert.False(new FluxOwnerMark("infra", "flux-system").IsMarked(obj));
    }
}
