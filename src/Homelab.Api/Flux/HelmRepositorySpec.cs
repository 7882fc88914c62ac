namespace Homelab.Api.Flux;

/// <summary>A Helm chart repository: <see cref="Type"/> is <c>default</c> (an HTTP index) or <c>oci</c>.</summary>
public sealed record HelmRepositorySpec(string Url, string Type, TimeSpan Interval, TimeSpan Timeout, string? SecretRef, bool Suspend)
{
    public bool IsOci => Type == "oci";
}
