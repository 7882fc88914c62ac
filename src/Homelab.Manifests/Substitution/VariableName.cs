using System.Text.RegularExpressions;

namespace Homelab.Manifests.Substitution;

/// <summary>Flux's rule for post-build variable names: <c>^[_a-zA-Z][_a-zA-Z0-9]*$</c>.</summary>
internal static partial class VariableName
{
    public const string Pattern = "^[_a-zA-Z][_a-zA-Z0-9]*$";

    public static bool IsValid(string name) => Valid().IsMatch(name);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Valid();
}
