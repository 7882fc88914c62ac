using System.Text;

namespace Homelab.Cli.Online.Output;

/// <summary>
/// The table layout of the <c>argocd</c> CLI (Go's text/tabwriter with padding 2 and spaces): every
/// column but the last is as wide as its widest cell plus two spaces; the last cell is not padded.
/// </summary>
public static class TabTable
{
    public const int Padding = 2;

    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var columns = all.Max(r => r.Count);
        var widths = new int[columns];
        foreach (var row in all)
        {
            for (var c = 0; c < row.Count - 1; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length + Padding);
            }
        }

        var text = new StringBuilder();
        foreach (var row in all)
        {
            for (var c = 0; c < row.Count; c++)
            {
                text.Append(c == row.Count - 1 ? row[c] : row[c].PadRight(widths[c]));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
