using System.Diagnostics;

namespace FlexPower.Bench;

/// <summary>What one case found: right, wrong, or not tried here (<see cref="Right"/> null, the reason in the detail).</summary>
public sealed record Verdict(bool? Right, string Detail)
{
    public static Verdict Check(bool right, string detail) => new(right, detail);
    public static Verdict Wrong(string detail) => new(false, detail);
    public static Verdict NotTried(string reason) => new(null, reason);

    public string Word => Right switch { true => "right", false => "wrong", null => "not tried" };
}

/// <summary>One hostile input of issue 20's list: its class number (<c>r</c> for the earlier campaign's regressions) and what it tries.</summary>
public sealed record CampaignCase(string Class, string Name, Func<Task<Verdict>> Run);

/// <summary>
/// Where the campaign runs: the provider, the published executable (for the cases that need an app of their own), the
/// app bench/campaign.sh started (<see cref="BaseUrl"/>, its log <c>app.log</c> and inbox <c>inbox/</c> under
/// <see cref="Work"/>), and for PostgreSQL the server (a connection string without a database).
/// </summary>
public sealed record CampaignTarget(string Provider, string App, string BaseUrl, string Work, string? PostgresServer)
{
    /// <summary>Import:StableFor of the app campaign.sh starts.</summary>
    public static readonly TimeSpan MainStableFor = TimeSpan.FromSeconds(1);

    public bool IsPostgres => PostgresServer is not null;
    public string MainLog => Path.Combine(Work, "app.log");
    public string Inbox => Path.Combine(Work, "inbox");
    public string Failed => Path.Combine(Work, "failed");
}

/// <summary>
/// The hostile-input campaign of issue 20: every class of input that once broke the app, tried against the running
/// published app (and apps of its own where a case needs other settings), one line per case and the totals.
/// </summary>
public static class Campaign
{
    public static async Task<int> RunAsync(CampaignTarget target)
    {
        Directory.CreateDirectory(target.Work);
        using var api = new CampaignApi(target.BaseUrl);
        // In the order of classes, the regressions last; OrderBy is stable, so each class keeps its cases' order.
        var cases = PriceCases.All(target, api).Concat(InboxCases.All(target, api)).Concat(InputCases.All(target, api)).Concat(ProcessCases.All(target))
            .OrderBy(c => int.TryParse(c.Class, out var number) ? number : 100).ToList();

        var started = Stopwatch.StartNew();
        var verdicts = new List<Verdict>();
        foreach (var @case in cases)
        {
            Verdict verdict;
            try
            {
                verdict = await @case.Run().WaitAsync(TimeSpan.FromMinutes(5));
            }
            catch (Exception e)
            {
                verdict = Verdict.Wrong($"the case itself failed: {e.GetType().Name}: {Text.Shown(e.Message)}");
            }
            verdicts.Add(verdict);
            Console.WriteLine($"[{target.Provider}] {@case.Class} {@case.Name}: {verdict.Word} ({verdict.Detail})");
        }

        var (tried, right) = (verdicts.Count(v => v.Right is not null), verdicts.Count(v => v.Right == true));
        var notTried = verdicts.Count - tried;
        Console.WriteLine($"campaign {target.Provider}: {tried} tried, {right} right, {tried - right} wrong" +
                          (notTried > 0 ? $" ({notTried} not tried)" : "") + $" in {started.Elapsed.TotalSeconds:0} s");
        return tried == right ? 0 : 1;
    }
}
