using System.Text;
using System.Text.RegularExpressions;

namespace Homelab.Applications.Projects;

/// <summary>
/// AppProject glob: <c>*</c> any run of characters (also across <c>/</c>, as Argo matches repositories and
/// namespaces), <c>?</c> one character, <c>[...]</c> a class; everything else literal. A leading <c>!</c>
/// (destinations only) negates and is handled by the caller.
/// </summary>
internal static class ProjectGlob
{
    public static bool Matches(string pattern, string? value)
    {
        value ??= "";
        if (pattern == "*" || pattern == value)
        {
            return true;
        }

        var regex = new StringBuilder("^");
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                '[' => "[",
                ']' => "]",
                _ => Regex.Escape(c.ToString()),
            });
        }

        regex.Append('$');
        try
        {
            return Regex.IsMatch(value, regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
