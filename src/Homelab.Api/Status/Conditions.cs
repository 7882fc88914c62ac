namespace Homelab.Api.Status;

/// <summary>Sets and removes conditions the way Kubernetes' condition helpers do.</summary>
public static class Conditions
{
    /// <summary>
    /// The list with <paramref name="next"/> in place of the condition of its type. The last transition time is
    /// kept when the status did not change, so "since when has this been failing" stays true across retries.
    /// </summary>
    public static IReadOnlyList<Condition> Set(IReadOnlyList<Condition> conditions, Condition next)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(next);
        var result = new List<Condition>(conditions.Count + 1);
        var replaced = false;
        foreach (var condition in conditions)
        {
            if (condition.Type != next.Type)
            {
                result.Add(condition);
                continue;
            }

            result.Add(condition.Status == next.Status ? next with { LastTransitionTime = condition.LastTransitionTime } : next);
            replaced = true;
        }

        if (!replaced)
        {
            result.Add(next);
        }

        return result;
    }

    /// <summary>The list without the condition of that type (Reconciling and Stalled are removed rather than set False).</summary>
    public static IReadOnlyList<Condition> Remove(IReadOnlyList<Condition> conditions, string type) =>
        [.. conditions.Where(c => c.Type != type)];

    public static Condition? Find(IReadOnlyList<Condition> conditions, string type) =>
        conditions.FirstOrDefault(c => c.Type == type);
}
