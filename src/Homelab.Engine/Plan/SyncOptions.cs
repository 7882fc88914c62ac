using Homelab.Manifests;

namespace Homelab.Engine.Plan;

/// <summary>
/// Argo CD sync options, typed. Layered: the Application's <c>syncPolicy.syncOptions</c> are parsed over
/// <see cref="Default"/>, then an object's <c>argocd.argoproj.io/sync-options</c> annotation over those,
/// so the object wins. Options we do not know are kept in <see cref="Unsupported"/> for the caller to
/// report, never silently dropped.
/// </summary>
public sealed record SyncOptions
{
    public static SyncOptions Default { get; } = new();

    public bool Prune { get; init; } = true;

    /// <summary><c>Delete=false</c>: keep the object even when its Application is deleted.</summary>
    public bool Delete { get; init; } = true;

    public bool Replace { get; init; }

    public bool Force { get; init; }

    public bool ServerSideApply { get; init; }

    public bool Validate { get; init; } = true;

    public bool PruneLast { get; init; }

    public bool SkipDryRunOnMissingResource { get; init; }

    public bool CreateNamespace { get; init; }

    public bool ApplyOutOfSyncOnly { get; init; }

    public bool RespectIgnoreDifferences { get; init; }

    public bool FailOnSharedResource { get; init; }

    public PropagationPolicy PrunePropagationPolicy { get; init; } = PropagationPolicy.Foreground;

    public IReadOnlyList<string> Unsupported { get; init; } = [];

    /// <summary>Parses a comma-separated annotation value (<c>Prune=false,Replace=true</c>) over this record.</summary>
    /// <param name="owner">Names the object or Application in errors.</param>
    public SyncOptions With(string? text, string owner) =>
        With((text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), owner);

    /// <summary>Parses a list such as an Application's <c>syncOptions</c> over this record.</summary>
    public SyncOptions With(IEnumerable<string> options, string owner)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = this;
        var unsupported = new List<string>(Unsupported);
        foreach (var option in options)
        {
            var eq = option.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ManifestException($"{owner}: sync option '{option}' is not <Name>=<value>");
            }

            var (name, value) = (option[..eq].Trim(), option[(eq + 1)..].Trim());
            bool Flag() => bool.TryParse(value, out var b)
                ? b
                : throw new ManifestException($"{owner}: sync option {name}='{value}' must be true or false");

            result = name switch
            {
                "Prune" => result with { Prune = Flag() },
                "Delete" => result with { Delete = Flag() },
                "Replace" => result with { Replace = Flag() },
                "Force" => result with { Force = Flag() },
                "ServerSideApply" => result with { ServerSideApply = Flag() },
                "Validate" => result with { Validate = Flag() },
                "PruneLast" => result with { PruneLast = Flag() },
                "SkipDryRunOnMissingResource" => result with { SkipDryRunOnMissingResource = Flag() },
                "CreateNamespace" => result with { CreateNamespace = Flag() },
                "ApplyOutOfSyncOnly" => result with { ApplyOutOfSyncOnly = Flag() },
                "RespectIgnoreDifferences" => result with { RespectIgnoreDifferences = Flag() },
                "FailOnSharedResource" => result with { FailOnSharedResource = Flag() },
                "PrunePropagationPolicy" => result with
                {
                    PrunePropagationPolicy = EnumNames.TryParse<PropagationPolicy>(value, ignoreCase: true, out var p)
                        ? p
                        : throw new ManifestException($"{owner}: sync option PrunePropagationPolicy='{value}' must be foreground, background or orphan"),
                },
                _ => result,
            };

            if (!IsKnown(name) && !unsupported.Contains(option, StringComparer.Ordinal))
            {
                unsupported.Add(option);
            }
        }

        return result with { Unsupported = unsupported };
    }

    private static bool IsKnown(string name) => name is "Prune" or "Delete" or "Replace" or "Force" or "ServerSideApply" or "Validate"
        or "PruneLast" or "SkipDryRunOnMissingResource" or "CreateNamespace" or "ApplyOutOfSyncOnly" or "RespectIgnoreDifferences"
        or "FailOnSharedResource" or "PrunePropagationPolicy";
}
