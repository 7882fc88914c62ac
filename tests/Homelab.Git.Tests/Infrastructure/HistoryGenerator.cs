using System.Globalization;
using System.Text;

namespace Homelab.Git.Tests.Infrastructure;

/// <summary>Writes a long history straight into a bare repository with <c>git fast-import</c> (seconds, not minutes of <c>git commit</c>).</summary>
public static class HistoryGenerator
{
    /// <summary>One commit adding <paramref name="files"/> files, then one commit per further change, each editing one file.</summary>
    public static void Generate(string bareRepository, int commits, int files, string branch = "main")
    {
        var stream = new StringBuilder();
        var time = 1_700_000_000L;
        for (var c = 0; c < commits; c++)
        {
            var message = $"commit {c}";
            stream.Append(CultureInfo.InvariantCulture, $"commit refs/heads/{branch}\n");
            stream.Append(CultureInfo.InvariantCulture, $"committer Test <test@example.invalid> {time + c} +0000\n");
            stream.Append(CultureInfo.InvariantCulture, $"data {Encoding.UTF8.GetByteCount(message)}\n{message}\n");
            if (c == 0)
            {
                for (var f = 0; f < files; f++)
                {
                    AppendFile(stream, f, 0);
                }
            }
            else
            {
                AppendFile(stream, c % files, c);
            }

            stream.Append('\n');
        }

        GitCli.RunWithInput(bareRepository, stream.ToString(), "fast-import", "--quiet");
    }

    private static void AppendFile(StringBuilder stream, int file, int version)
    {
        var content = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{file}\ndata:\n  version: \"{version}\"\n";
        stream.Append(CultureInfo.InvariantCulture, $"M 100644 inline apps/group-{file / 100}/cm-{file}.yaml\n");
        stream.Append(CultureInfo.InvariantCulture, $"data {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
    }
}
