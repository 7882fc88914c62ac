namespace Homelab.DevCluster.Accounting;

/// <summary>
/// One served request in arrival order: what tests read to check the order of writes. Namespace and
/// name are the request path's, so collection requests (create, list) have no name.
/// </summary>
public sealed record LoggedRequest(long Sequence, RequestKey Key, string? Namespace, string? Name);
