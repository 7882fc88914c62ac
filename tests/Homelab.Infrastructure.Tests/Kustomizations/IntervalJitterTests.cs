using Homelab.Infrastructure.Kustomizations;

namespace Homelab.Infrastructure.Tests.Kustomizations;

public sealed class IntervalJitterTests
{
    [Theory]
    [InlineData(0.0, 570)]
    [InlineData(0.5, 600)]
    [InlineData(1.0, 630)]
    public void TheDelayMovesAtMostFivePercentEitherWay(double sample, int expectedSeconds)
    {
        var jitter = new IntervalJitter(() => sample);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), jitter.Apply(TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void SeededJitterIsReproducibleAndSpreads()
    {
        var a = IntervalJitter.Seeded(42);
        var b = IntervalJitter.Seeded(42);
        var delays = Enumerable.Range(0, 100).Select(_ => a.Apply(TimeSpan.FromMinutes(1))).ToList();
        Assert.Equal(delays, Enumerable.Range(0, 100).Select(_ => b.Apply(TimeSpan.FromMinutes(1))));
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(57), TimeSpan.FromSeconds(63)));
        Assert.True(delays.Distinct().Count() > 50);
    }
}
