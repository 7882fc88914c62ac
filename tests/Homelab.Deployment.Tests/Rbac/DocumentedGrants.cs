namespace Homelab.Deployment.Tests.Rbac;

/// <summary>
/// The RBAC table of docs/operations.md (between <c>&lt;!-- rbac:begin --&gt;</c> and <c>&lt;!-- rbac:end --&gt;</c>):
/// columns service account (or <c>both</c>), scope, API group (<c>core</c> for ""), resources, verbs.
/// </summary>
internal static class DocumentedGrants
{
    private static readonly string[] Accounts = ["homelab-infrastructure", "homelab-applications"];

    public static IReadOnlySet<Grant> Read(string markdownPath)
    {
        var text = File.ReadAllText(markdownPath);
        var start = text.IndexOf("<!-- rbac:begin -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- rbac:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{markdownPath} has no rbac:begin/rbac:end table");

        var grants = new HashSet<Grant>();
        foreach (var line in text[start..end].Split('\n').Where(l => l.StartsWith('|')).Skip(2))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            Assert.True(cells.Length == 5, $"RBAC table row needs 5 cells: {line}");
            var accounts = cells[0] == "both" ? Accounts : [cells[0]];
            var group = cells[2] == "core" ? "" : cells[2];
            foreach (var account in accounts)
            {
                foreach (var resource in List(cells[3]))
                {
                    foreach (var verb in List(cells[4]))
                    {
                        grants.Add(new Grant($"homelab-system/{account}", cells[1], group, resource, verb));
                    }
                }
            }
        }

        return grants;
    }

    private static IEnumerable<string> List(string cell) => cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
