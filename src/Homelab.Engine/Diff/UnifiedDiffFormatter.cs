using System.Text;
using DiffPlex;

namespace Homelab.Engine.Diff;

/// <summary>Unified text diff (<c>---</c>/<c>+++</c>/<c>@@</c> hunks) of two texts, line by line.</summary>
internal static class UnifiedDiffFormatter
{
    public static string Format(string oldText, string newText, string oldLabel, string newLabel, int context)
    {
        // A final newline ends the last line; it does not start an empty one.
        var result = Differ.Instance.CreateLineDiffs(TrimFinalNewline(oldText), TrimFinalNewline(newText), ignoreWhitespace: false);
        if (result.DiffBlocks.Count == 0)
        {
            return "";
        }

        var a = result.PiecesOld;
        var b = result.PiecesNew;
        var text = new StringBuilder();
        text.Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');

        var blocks = result.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            // Merge blocks whose context would touch into one hunk.
            var last = i;
            while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * context)
            {
                last++;
            }

            var startA = Math.Max(0, blocks[i].DeleteStartA - context);
            var startB = Math.Max(0, blocks[i].InsertStartB - context);
            var endA = Math.Min(a.Count, blocks[last].DeleteStartA + blocks[last].DeleteCountA + context);
            var endB = Math.Min(b.Count, blocks[last].InsertStartB + blocks[last].InsertCountB + context);
            text.Append("@@ -").Append(Range(startA, endA - startA)).Append(" +").Append(Range(startB, endB - startB)).Append(" @@\n");

            var posA = startA;
            for (var k = i; k <= last; k++)
            {
                var block = blocks[k];
                for (; posA < block.DeleteStartA; posA++)
                {
                    text.Append(' ').Append(a[posA]).Append('\n');
                }

                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    text.Append('-').Append(a[block.DeleteStartA + d]).Append('\n');
                }

                for (var n = 0; n < block.InsertCountB; n++)
                {
                    text.Append('+').Append(b[block.InsertStartB + n]).Append('\n');
                }

                posA = block.DeleteStartA + block.DeleteCountA;
            }

            for (; posA < endA; posA++)
            {
                text.Append(' ').Append(a[posA]).Append('\n');
            }

            i = last + 1;
        }

        return text.ToString();
    }

    private static string TrimFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;

    private static string Range(int start, int count) =>
        count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";
}
