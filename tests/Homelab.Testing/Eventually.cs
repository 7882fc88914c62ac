namespace Homelab.Testing;

/// <summary>
/// Waits for a condition with a deadline, polling memory only: tests wait for what they assert,
/// never sleep to make themselves pass. Failing to get there within the timeout fails the test.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }
}
