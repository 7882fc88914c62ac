using System.Globalization;

namespace Homelab.Benchmarks.AppHost;

/// <summary>One process's resident memory, read from <c>/proc/&lt;pid&gt;/status</c> (Linux).</summary>
internal sealed record ProcessMemory(int ProcessId, string Name, double RssMiB)
{
    /// <summary>The process and every descendant alive now, found through each process's parent id in <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public static IReadOnlyList<ProcessMemory> OfTree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
        }

        var tree = new List<ProcessMemory>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            if (Read(pid) is { } memory)
            {
                tree.Add(memory);
            }

            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
            }
        }

        return tree;
    }

    private static ProcessMemory? Read(int pid)
    {
        try
        {
            string name = "?";
            double rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("Name:", StringComparison.Ordinal))
                {
                    name = line["Name:".Length..].Trim();
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    // "VmRSS:	  123456 kB"
                    rss = double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
                }
            }

            return new ProcessMemory(pid, name, rss);
        }
        catch (IOException)
        {
            return null; // it exited while being read
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
