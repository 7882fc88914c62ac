namespace Homelab.Kubernetes.Client;

/// <summary>The non-apply patch types and their content types.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>); works for every kind.</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
    Json,

    /// <summary>Strategic merge patch; built-in kinds only (custom resources answer 415).</summary>
    Strategic,
}
