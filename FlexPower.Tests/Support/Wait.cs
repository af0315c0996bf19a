namespace FlexPower.Tests.Support;

/// <summary>Waiting for something the code under test does on its own (a background check, another process): a condition with a timeout, never a fixed sleep.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(25);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);
}
