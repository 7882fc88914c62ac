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

    /// <summary>
    /// Polls an asynchronous probe (a CLI command, a kubectl call) until it yields a value; the value is
    /// returned so the caller can assert on what it saw. Slower polling, since each probe does real work.
    /// </summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Delay(250);
        }
    }
}
