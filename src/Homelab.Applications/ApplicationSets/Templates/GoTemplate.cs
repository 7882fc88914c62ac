using System.Text;

namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>
/// A Go text/template, the subset ApplicationSets use: <c>{{.a.b}}</c>, variables, pipelines with functions
/// (<c>{{ .path.basename | upper }}</c>, <c>{{index .path.segments 1}}</c>, <c>{{ default "x" .y }}</c>),
/// <c>if</c>/<c>else</c>/<c>with</c>/<c>range</c>, comments and whitespace trimming.
/// </summary>
public sealed class GoTemplate
{
    private readonly IReadOnlyList<TemplateNode> _nodes;

    private GoTemplate(IReadOnlyList<TemplateNode> nodes) => _nodes = nodes;

    /// <exception cref="TemplateException">The text is not a valid template.</exception>
    public static GoTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new GoTemplate(GoTemplateParser.Parse(text));
    }

    /// <summary>Runs the template over <paramref name="data"/> (see <see cref="GoValues"/> for its shape).</summary>
    /// <exception cref="TemplateException">Execution failed (a missing key with missingkey=error, a wrong type, …).</exception>
    public string Execute(object? data, GoTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var output = new StringBuilder();
        new GoTemplateExecutor(options, data).Execute(_nodes, data, output);
        return output.ToString();
    }

    /// <summary>Parses and runs in one step.</summary>
    public static string Render(string text, object? data, GoTemplateOptions options) => Parse(text).Execute(data, options);
}
