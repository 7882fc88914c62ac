namespace Homelab.Web.Assets;

/// <summary>One front-end file: its bytes, a gzip copy (sent when the browser accepts it) and an ETag.</summary>
internal sealed record WebAsset(string Path, string ContentType, byte[] Content, byte[] Gzipped, string ETag);
