namespace Homelab.Git.Refs;

/// <summary>The refs a remote advertises (ls-remote), with the branch its HEAD points at when known.</summary>
public sealed class RemoteRefs
{
    private const string HeadsPrefix = "refs/heads/";
    private const string TagsPrefix = "refs/tags/";
    private const string PeeledSuffix = "^{}";

    private readonly Dictionary<string, RemoteRef> _byName;

    public RemoteRefs(IEnumerable<RemoteRef> refs, string? headTarget)
    {
        _byName = new Dictionary<string, RemoteRef>(StringComparer.Ordinal);
        foreach (var r in refs)
        {
            _byName[r.Name] = r;
        }

        HeadTarget = headTarget;
    }

    /// <summary>Builds from raw ls-remote lines where annotated tags appear twice (<c>refs/tags/v1</c> and <c>refs/tags/v1^{}</c>).</summary>
    public static RemoteRefs FromAdvertisement(IEnumerable<(string Name, string Sha)> advertised, string? headTarget)
    {
        var peeled = new Dictionary<string, string>(StringComparer.Ordinal);
        var plain = new List<(string Name, string Sha)>();
        foreach (var (name, sha) in advertised)
        {
            if (name.EndsWith(PeeledSuffix, StringComparison.Ordinal))
            {
                peeled[name[..^PeeledSuffix.Length]] = sha;
            }
            else
            {
                plain.Add((name, sha));
            }
        }

        return new RemoteRefs(plain.Select(p => new RemoteRef(p.Name, p.Sha, peeled.GetValueOrDefault(p.Name))), headTarget);
    }

    /// <summary>Full name of the branch HEAD points at (<c>refs/heads/main</c>), or null when the server did not say.</summary>
    public string? HeadTarget { get; }

    public IEnumerable<RemoteRef> All => _byName.Values;

    public IEnumerable<RemoteRef> Tags => _byName.Values.Where(r => r.Name.StartsWith(TagsPrefix, StringComparison.Ordinal));

    public RemoteRef? Find(string fullName) => _byName.GetValueOrDefault(fullName);

    public RemoteRef? FindBranch(string branch) => Find(HeadsPrefix + branch);

    public RemoteRef? FindTag(string tag) => Find(TagsPrefix + tag);

    public static string ShortName(string fullName) =>
        fullName.StartsWith(HeadsPrefix, StringComparison.Ordinal) ? fullName[HeadsPrefix.Length..]
        : fullName.StartsWith(TagsPrefix, StringComparison.Ordinal) ? fullName[TagsPrefix.Length..]
        : fullName;

    /// <summary>
    /// The default branch: HEAD's symbolic target when advertised; otherwise the branch whose commit
    /// equals HEAD's, preferring main then master (old servers and dumb transports omit the symref).
    /// </summary>
    public string? DefaultBranch()
    {
        if (HeadTarget is not null && _byName.ContainsKey(HeadTarget))
        {
            return HeadTarget;
        }

        var head = Find("HEAD");
        if (head is null)
        {
            return null;
        }

        var candidates = _byName.Values
            .Where(r => r.Name.StartsWith(HeadsPrefix, StringComparison.Ordinal) && r.TargetSha == head.TargetSha)
            .Select(r => r.Name)
            .ToList();
        return candidates.FirstOrDefault(n => n == HeadsPrefix + "main")
            ?? candidates.FirstOrDefault(n => n == HeadsPrefix + "master")
            ?? candidates.Order(StringComparer.Ordinal).FirstOrDefault();
    }
}
