using Homelab.DevCluster.Errors;
using Homelab.DevCluster.Storage;

namespace Homelab.DevCluster.Selectors;

/// <summary>A parsed <c>fieldSelector</c> over the fields every resource supports: metadata.name and metadata.namespace.</summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Equal)> _terms = [];

    public static readonly FieldSelector Everything = new();

    public bool Matches(StoredObject o) => _terms.TrueForAll(t =>
    {
        var actual = t.Field == "metadata.name" ? o.Name : o.Namespace ?? "";
        return (actual == t.Value) == t.Equal;
    });

    public static FieldSelector Parse(string? text)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var (op, at) = term.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? ("!=", ne)
                : term.IndexOf("==", StringComparison.Ordinal) is var eq and > 0 ? ("==", eq)
                : ("=", term.IndexOf('=', StringComparison.Ordinal));
            if (at <= 0)
            {
                throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            }

            var field = term[..at].Trim();
            if (field is not ("metadata.name" or "metadata.namespace"))
            {
                throw ApiErrors.BadRequest($"field label not supported: {field}");
            }

            selector._terms.Add((field, term[(at + op.Length)..].Trim(), op != "!="));
        }

        return selector;
    }
}
