namespace Homelab.Cli.Tests.EndToEnd;

/// <summary>Waits for an asynchronous condition (e.g. a CLI run showing Ready) with a deadline; never a fixed sleep.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for: {what}; last: {value}");
            }

            await Task.Delay(100);
        }
    }
}
