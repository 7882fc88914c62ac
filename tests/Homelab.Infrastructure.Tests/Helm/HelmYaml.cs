namespace Homelab.Infrastructure.Tests.Helm;

/// <summary>The HelmRepository and HelmRelease manifests the Helm tests create.</summary>
public static class HelmYaml
{
    public static string Repository(string ns, string url) => $"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: charts
          namespace: {ns}
        spec:
          interval: 1m
          url: {url}
        ---

        """;

    public static string Release(string ns, string name, string chart, string version, string? values = null, string extraSpec = "") => $"""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: 1m
          chart:
            spec:
              chart: {chart}
              version: {version}
              sourceRef:
                kind: HelmRepository
                name: charts
        {(values is null ? "" : $"  values:\n    {values}\n")}{extraSpec}---

        """;
}
