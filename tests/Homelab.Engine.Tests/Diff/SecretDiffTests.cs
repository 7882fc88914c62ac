using Homelab.Engine.Diff;
using Homelab.Manifests.Objects;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Diff;

public sealed class SecretDiffTests
{
    private static readonly ResourceDiffer Differ = new(new DiffOptions { FieldManager = "kustomize-controller" });

    // "hunter2" and "s3cr3t-token" in base64.
    private const string LiveSecret = """
        {"apiVersion":"v1","kind":"Secret","type":"Opaque",
         "metadata":{"name":"db","namespace":"apps","uid":"u",
           "managedFields":[{"manager":"kustomize-controller","operation":"Apply","fieldsType":"FieldsV1",
             "fieldsV1":{"f:data":{"f:password":{},"f:token":{}},"f:type":{}}}]},
         "data":{"password":"aHVudGVyMg==","token":"czNjcjN0LXRva2Vu"}}
        """;

    [Fact]
    public void String_data_equal_to_live_data_is_equal()
    {
        var desired = Yaml("""
            apiVersion: v1
            kind: Secret
            metadata: {name: db, namespace: apps}
            type: Opaque
            stringData:
              password: hunter2
            data:
              token: czNjcjN0LXRva2Vu
            """);

        Assert.Equal(DiffState.Equal, Differ.Diff(desired, KubeObject.FromJson(LiveSecret)).State);
    }

    [Fact]
    public void A_changed_secret_never_shows_a_value()
    {
        var desired = Yaml("""
            apiVersion: v1
            kind: Secret
            metadata: {name: db, namespace: apps}
            type: Opaque
            stringData:
              password: correct-horse
              token: s3cr3t-token
            """);

        var diff = Differ.Diff(desired, KubeObject.FromJson(LiveSecret));

        Assert.Equal(DiffState.Modified, diff.State);
        var change = Assert.Single(diff.Changes);
        Assert.Equal("/data/password", change.Path);
        Assert.True(change.Masked);
        foreach (var secret in new[] { "hunter2", "aHVudGVy", "correct-horse", "Y29ycmVjdC1ob3Jz", "s3cr3t", "czNjcjN0" })
        {
            Assert.DoesNotContain(secret, diff.UnifiedDiff, StringComparison.Ordinal);
        }

        var lines = diff.UnifiedDiff.Split('\n');
        var removed = Assert.Single(lines, l => l.StartsWith("-  password:", StringComparison.Ordinal));
        var added = Assert.Single(lines, l => l.StartsWith("+  password:", StringComparison.Ordinal));
        Assert.Matches(@"^-  password: \+{8,}$", removed);
        Assert.Matches(@"^\+  password: \+{8,}$", added);
        Assert.NotEqual(removed[1..], added[1..]);
        // The unchanged token has the same mask on both sides (so it shows as context, not a change).
        Assert.Single(lines, l => l.StartsWith("   token: +", StringComparison.Ordinal));
    }

    [Fact]
    public void Removed_secret_key_is_masked_and_reported()
    {
        var desired = Yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: apps}\ntype: Opaque\nstringData: {password: hunter2}\n");

        var diff = Differ.Diff(desired, KubeObject.FromJson(LiveSecret));

        var change = Assert.Single(diff.Changes);
        Assert.Equal(new FieldChange("/data/token", FieldChangeKind.Removed, true), change);
        Assert.DoesNotContain("czNjcjN0", diff.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_extra_secrets_are_masked()
    {
        var live = KubeObject.FromJson(LiveSecret);
        var desired = Yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: apps}\nstringData: {password: hunter2}\n");

        var extra = Differ.Diff(null, live).UnifiedDiff;
        var missing = Differ.Diff(desired, null).UnifiedDiff;

        Assert.DoesNotContain("aHVudGVy", extra, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("aHVudGVy", missing, StringComparison.Ordinal);
        Assert.Contains("password: ++++++++", missing, StringComparison.Ordinal);
    }
}
