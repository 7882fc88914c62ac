using System.Text;

namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>
/// The older ApplicationSet syntax (<c>goTemplate: false</c>): <c>{{path.basename}}</c> or <c>{{ env }}</c> is
/// replaced by the flat parameter of that name; a placeholder with no such parameter is left as written, as Argo does.
/// </summary>
public static class FlatTemplate
{
    public static string Render(string text, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(parameters);
        var output = new StringBuilder();
        var position = 0;
        while (true)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                return output.Append(text, position, text.Length - position).ToString();
            }

            output.Append(text, position, open - position);
            var tag = text[(open + 2)..close];
            var key = tag.Trim();
            output.Append(key.Length > 0 && parameters.TryGetValue(key, out var value) ? value : $"{{{{{tag}}}}}");
            position = close + 2;
        }
    }
}
