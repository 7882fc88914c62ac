using System.Text;

namespace Homelab.Kubernetes.Client;

/// <summary>Builds a query string from the parameters that are set, escaping each value.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryString Add(string name, bool value) => value ? Add(name, "true") : this;

    public QueryString DryRun(bool dryRun) => dryRun ? Add("dryRun", "All") : this;

    public override string ToString() => _text.ToString();
}
