using Homelab.Manifests.Objects;

namespace Homelab.Controllers.Tests.Infrastructure;

/// <summary>A small custom resource with a status subresource, standing in for Kustomization or Application.</summary>
public static class Widgets
{
    public const string Group = "test.homelab.dev";
    public const string Kind = "Widget";
    public const string ApiVersion = "test.homelab.dev/v1";

    public static KubeObject Crd => KubeObject.FromJson("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.test.homelab.dev"},
         "spec":{"group":"test.homelab.dev","scope":"Namespaced","names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
         "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                      "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """);

    public static KubeObject New(string @namespace, string name, string size = "small") => KubeObject.FromJson($$$"""
        {"apiVersion":"{{{ApiVersion}}}","kind":"{{{Kind}}}","metadata":{"name":"{{{name}}}","namespace":"{{{@namespace}}}"},"spec":{"size":"{{{size}}}"}}
        """);
}
