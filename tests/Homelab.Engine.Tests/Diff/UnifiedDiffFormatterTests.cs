using Homelab.Engine.Diff;

namespace Homelab.Engine.Tests.Diff;

public sealed class UnifiedDiffFormatterTests
{
    private const string Old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";

    [Fact]
    public void One_change_gives_one_hunk_with_context()
    {
        var diff = UnifiedDiffFormatter.Format(Old, Old.Replace("f\n", "F\n", StringComparison.Ordinal), "live", "desired", context: 2);

        Assert.Equal("--- live\n+++ desired\n@@ -4,5 +4,5 @@\n d\n e\n-f\n+F\n g\n h\n", diff);
    }

    [Fact]
    public void Distant_changes_give_separate_hunks_and_near_ones_merge()
    {
        var far = UnifiedDiffFormatter.Format(Old, Old.Replace("b\n", "B\n", StringComparison.Ordinal).Replace("l\n", "L\n", StringComparison.Ordinal), "x", "y", context: 1);
        var near = UnifiedDiffFormatter.Format(Old, Old.Replace("b\n", "B\n", StringComparison.Ordinal).Replace("d\n", "D\n", StringComparison.Ordinal), "x", "y", context: 1);

        Assert.Equal(2, far.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Equal("--- x\n+++ y\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n-d\n+D\n e\n", near);
    }

    [Fact]
    public void Additions_to_an_empty_text_and_identical_texts()
    {
        Assert.Equal("--- x\n+++ y\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiffFormatter.Format("", "a\nb\n", "x", "y", 3));
        Assert.Equal("", UnifiedDiffFormatter.Format(Old, Old, "x", "y", 3));
    }
}
