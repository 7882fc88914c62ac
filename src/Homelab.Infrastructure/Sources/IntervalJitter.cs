namespace Homelab.Infrastructure.Sources;

/// <summary>Flux's requeue jitter: ±5% of the interval, so objects created together do not poll together forever.</summary>
public static class IntervalJitter
{
    public const double Fraction = 0.05;

    public static TimeSpan Apply(TimeSpan interval) =>
        interval * (1 + ((Random.Shared.NextDouble() * 2) - 1) * Fraction);
}
