namespace Homelab.Engine.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition with a deadline (polling memory only; never sleeps to make a test pass).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }
}
