namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Flux spreads periodic reconciles by ±5% of the interval so a hundred Kustomizations created together do
/// not all wake in the same second. The random source is injected so tests can pin it.
/// </summary>
public sealed class IntervalJitter(Func<double> random)
{
    /// <summary>The fraction of the interval the delay may move either way.</summary>
    public const double Fraction = 0.05;

    private readonly Lock _gate = new();

    /// <summary>Jitter from a shared, thread-safe random source.</summary>
    public IntervalJitter()
        : this(Random.Shared.NextDouble)
    {
    }

    /// <summary>Jitter from a seeded source, for reproducible tests.</summary>
    public static IntervalJitter Seeded(int seed)
    {
        var random = new Random(seed);
        return new IntervalJitter(random.NextDouble);
    }

    /// <summary>The interval moved by a random amount within ±<see cref="Fraction"/>.</summary>
    public TimeSpan Apply(TimeSpan interval)
    {
        double sample;
        lock (_gate)
        {
            // A seeded System.Random is not thread-safe; workers call this concurrently.
            sample = random();
        }

        var factor = 1 + ((Math.Clamp(sample, 0, 1) * 2) - 1) * Fraction;
        return TimeSpan.FromTicks((long)(interval.Ticks * factor));
    }
}
