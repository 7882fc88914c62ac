namespace Homelab.Applications.ApplicationSets;

/// <summary>
/// <c>spec.syncPolicy.applicationsSync</c>: what the ApplicationSet may do to its Applications. Default
/// <see cref="Sync"/>: create, update and delete.
/// </summary>
public sealed record ApplicationsSyncPolicy(bool MayUpdate, bool MayDelete)
{
    public static ApplicationsSyncPolicy Sync { get; } = new(true, true);

    /// <exception cref="ApplicationSetException">Not one of Argo's four policies.</exception>
    public static ApplicationsSyncPolicy Parse(string? value) => value switch
    {
        null or "" or "sync" => Sync,
        "create-only" => new(false, false),
        "create-update" => new(true, false),
        "create-delete" => new(false, true),
        _ => throw new ApplicationSetException(ApplicationSetReasons.InvalidSpec, $"spec.syncPolicy.applicationsSync: '{value}' is not one of create-only, create-update, create-delete, sync"),
    };
}
