namespace Homelab.Kubernetes.Client;

/// <summary>
/// A watch: from <see cref="ResourceVersion"/>, or (with <see cref="SendInitialEvents"/>) the WatchList
/// protocol that replays current objects first and ends them with a bookmark.
/// </summary>
public sealed record WatchOptions(
    string? Namespace = null,
    string? LabelSelector = null,
    string? ResourceVersion = null,
    bool SendInitialEvents = false,
    bool AllowBookmarks = true,
    int? TimeoutSeconds = null);
