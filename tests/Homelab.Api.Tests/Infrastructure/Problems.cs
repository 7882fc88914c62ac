using Homelab.Api.Specs;

namespace Homelab.Api.Tests.Infrastructure;

internal static class Problems
{
    public static void HasInvalid<T>(SpecResult<T> result, string path, string messagePart) =>
        Assert.True(
            result.Invalid.Any(p => p.Path == path && p.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"expected Invalid at {path} containing '{messagePart}'; got: {string.Join(" | ", result.Problems.Select(p => $"{p.Kind} {p}"))}");

    public static void HasUnsupported<T>(SpecResult<T> result, string path) =>
        Assert.True(
            result.Unsupported.Any(p => p.Path == path),
            $"expected Unsupported at {path}; got: {string.Join(" | ", result.Problems.Select(p => $"{p.Kind} {p}"))}");

    public static void None<T>(SpecResult<T> result) =>
        Assert.True(result.Problems.Count == 0, $"expected no problems; got: {string.Join(" | ", result.Problems.Select(p => $"{p.Kind} {p}"))}");
}
