using Homelab.Api.Specs;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Flux;

public static class HelmRepositoryReader
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>OCI repositories are not polled in Flux, so their interval is optional; this default only paces re-reads.</summary>
    public static readonly TimeSpan DefaultOciInterval = TimeSpan.FromMinutes(1);

    public static SpecResult<HelmRepositorySpec> Read(KubeObject obj)
    {
        var log = new ProblemLog();
        var spec = SpecFields.Spec(obj, log);
        spec.OnlyKnown("url", "type", "interval", "timeout", "secretRef", "suspend",
            "provider", "certSecretRef", "passCredentials", "insecure", "accessFrom");
        spec.Unsupported("provider", "cloud provider authentication is not supported; use secretRef");
        spec.Unsupported("certSecretRef", "custom TLS certificates are not supported yet");
        spec.Unsupported("passCredentials", "passing credentials to other hosts is not supported");
        spec.Unsupported("insecure", "plain-HTTP OCI registries are not supported");
        spec.Unsupported("accessFrom", "cross-namespace access rules are not enforced");

        var type = spec.Enum("type", ["default", "oci"], "default");
        var url = FluxReading.Url(spec, type == "oci" ? ["oci"] : ["http", "https"]);
        var interval = type == "oci" ? spec.Duration("interval") ?? DefaultOciInterval : spec.RequiredPositiveDuration("interval");
        var result = new HelmRepositorySpec(url, type, interval, spec.Duration("timeout") ?? DefaultTimeout,
            FluxReading.SecretName(spec, "secretRef"), spec.Bool("suspend"));
        return new(result, log.Problems);
    }
}
