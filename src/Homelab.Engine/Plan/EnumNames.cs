namespace Homelab.Engine.Plan;

/// <summary>
/// Enum parsing by name only: <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> also accepts
/// numbers ("3"), which would let a typo'd annotation select an arbitrary member.
/// </summary>
internal static class EnumNames
{
    public static bool TryParse<T>(string text, bool ignoreCase, out T value)
        where T : struct, Enum
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, text, comparison))
            {
                value = Enum.Parse<T>(name);
                return true;
            }
        }

        value = default;
        return false;
    }
}
