using System.Text;
using Homelab.Manifests.Tests.Rendering;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Tests.BadInput;

/// <summary>
/// Seeded mutations (byte changes, cuts, duplicated lines) of real fixtures: each must either parse or
/// fail with a <see cref="ManifestException"/> naming the file — never another exception type.
/// </summary>
public sealed class MutatedYamlTests
{
    private static readonly byte[] Interesting = "\t\n :-[]{}&*!|>'\"#%@`?,\0\u00ff<"u8.ToArray();

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Mutated_manifests_parse_or_fail_cleanly(int seed)
    {
        var random = new Random(seed);
        var fixtures = Directory.EnumerateFiles(RenderFixture.TestData, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bad{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToList();
        var failures = new StringBuilder();
        for (var i = 0; i < 1500; i++)
        {
            var input = Mutate(fixtures[random.Next(fixtures.Count)], random);
            try
            {
                YamlReader.ReadObjects(input, "mutated.yaml");
            }
            catch (ManifestException e) when (e.Location?.File == "mutated.yaml")
            {
            }
            catch (Exception e)
            {
                failures.AppendLine($"{e.GetType().Name}: {e.Message}\n{e.StackTrace}\n---\n{Encoding.UTF8.GetString(input)}\n===");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 1:
                    bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 20)));
                    break;
                default:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, random.Next(1, 40))));
                    break;
            }
        }

        return [.. bytes];
    }
}
