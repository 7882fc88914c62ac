namespace Homelab.Web.Live;

/// <summary>One change a page may care about: which layer, and which object.</summary>
internal sealed record ChangeNotice(string Scope, string Kind, string Namespace, string Name)
{
    public const string Applications = "applications";
    public const string Infrastructure = "infrastructure";
}
