namespace Homelab.DevCluster.Storage;

/// <summary>A change to one object, as watchers see it. <paramref name="Previous"/> lets selector watches notice objects leaving their selection.</summary>
public sealed record WatchEvent(string Type, string StorageKey, StoredObject Object, StoredObject? Previous)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";

    public long Revision => Object.ResourceVersion;
}
