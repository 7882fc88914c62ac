using Homelab.Api.Specs;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Flux;

public static class GitRepositoryReader
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static SpecResult<GitRepositorySpec> Read(KubeObject obj)
    {
        var log = new ProblemLog();
        var spec = SpecFields.Spec(obj, log);
        spec.OnlyKnown("url", "ref", "interval", "timeout", "secretRef", "ignore", "suspend",
            "verify", "include", "recurseSubmodules", "proxySecretRef", "provider", "sparseCheckout");
        spec.Unsupported("verify", "commit signature verification is not supported yet; the commit is used unverified");
        spec.Unsupported("include", "including other GitRepositories is not supported yet");
        spec.Unsupported("recurseSubmodules", "submodules are not fetched yet");
        spec.Unsupported("proxySecretRef", "fetching through a proxy is not supported yet");
        spec.Unsupported("provider", "cloud provider authentication is not supported; use secretRef");
        spec.Unsupported("sparseCheckout", "sparse checkout is not supported yet; the whole tree is fetched");

        var url = FluxReading.Url(spec, ["http", "https", "ssh"]);
        var reference = ReadRef(spec.Object("ref"));
        var result = new GitRepositorySpec(
            url,
            reference,
            spec.RequiredPositiveDuration("interval"),
            spec.Duration("timeout") ?? DefaultTimeout,
            FluxReading.SecretName(spec, "secretRef"),
            spec.String("ignore"),
            spec.Bool("suspend"));
        return new(result, log.Problems);
    }

    private static GitReference ReadRef(SpecFields? fields)
    {
        if (fields is null)
        {
            return new GitReference("master", null, null, null, null);
        }

        fields.OnlyKnown("branch", "tag", "semver", "name", "commit");
        return new GitReference(fields.String("branch"), fields.String("tag"), fields.String("semver"), fields.String("name"), fields.String("commit"));
    }
}
