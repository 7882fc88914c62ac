using System.Text;

namespace Homelab.Cli.Online.Output;

/// <summary>
/// The table layout of the <c>flux</c> CLI (olekukonko/tablewriter with no borders, tab padding and
/// no white space): headers upper-cased, every cell padded to its column's width and followed by a
/// tab, except the last header cell, which is followed by a space. Tools that parse flux's output
/// (or read it as tab-separated) read ours the same way.
/// </summary>
public static class FluxTable
{
    public static string Render(IReadOnlyList<string>? headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = new List<IReadOnlyList<string[]>>();
        var columns = Math.Max(headers?.Count ?? 0, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        var widths = new int[columns];
        if (headers is not null)
        {
            Measure(headers, widths);
        }

        foreach (var row in rows)
        {
            Measure(row, widths);
        }

        var text = new StringBuilder();
        if (headers is { Count: > 0 })
        {
            for (var c = 0; c < columns; c++)
            {
                var header = c < headers.Count ? headers[c].ToUpperInvariant() : "";
                text.Append(header.PadRight(widths[c])).Append(c == columns - 1 ? ' ' : '\t');
            }

            text.Append('\n');
        }

        foreach (var row in rows)
        {
            // A multi-line cell (a long Ready message) spans several physical lines, as in flux.
            var lines = row.Select(cell => cell.Split('\n')).ToList();
            var height = lines.Count == 0 ? 0 : lines.Max(l => l.Length);
            for (var line = 0; line < height; line++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var part = c < lines.Count && line < lines[c].Length ? lines[c][line] : "";
                    text.Append(part.PadRight(widths[c])).Append('\t');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static void Measure(IReadOnlyList<string> row, int[] widths)
    {
        for (var c = 0; c < row.Count; c++)
        {
            foreach (var line in row[c].Split('\n'))
            {
                widths[c] = Math.Max(widths[c], line.Length);
            }
        }
    }
}
