using System.Text.Json;

namespace FlexPower.Bench;

/// <summary>Control characters at every entry point, limits sent wrongly, a header over the line limit, and the earlier campaign's regressions.</summary>
public static class InputCases
{
    private const string TradeCsv = "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nctl-1,1,1,buy,2030-03-01,9,trader_1,2023-02-28T06:00:00Z\n";
    private static readonly string[] Controls = ["\0", "\r\n", "\n"];
    private static readonly string Long = Uri.EscapeDataString("day\r\nX-Injected: yes" + new string('d', 5_000));

    public static IEnumerable<CampaignCase> All(CampaignTarget target, CampaignApi api) =>
    [
        new("6", "trader_id with %00 in the query (trades, range report)", () => AllRefusedAsync(
            ["/v1/trades?trader_id=trader%001", "/v1/reports/pnl/range?trader_id=trader%001&from=2023-02-01&to=2023-02-28"], url => api.GetAsync(url), 400, "trader_id")),
        new("6", "Basic user name with a NUL", () => BasicNameWithNulAsync(target)),
        new("6", "POST /v1/users with a trader_id holding a NUL", () => NewUserAsync(api)),
        new("6", "trade upload file_name with CR/LF/NUL", () => UploadNameAsync(api, "/v1/trades/import?file_name={0}", TradeCsv, "2030-03-01")),
        new("6", "price upload file_name with CR/LF/NUL", () => UploadNameAsync(api, "/v1/prices/import?series=campaign-name&file_name={0}", "delivery_day,delivery_hour,price_eur_mwh\n2030-03-01,9,100.00\n", null)),
        new("6", "state with CR/LF and 5,000 chars", () => AllRefusedAsync([$"/v1/alerts?state={Long}"], url => api.GetAsync(url), 400, "state")),
        new("6", "granularity with CR/LF and 5,000 chars", () => AllRefusedAsync([$"/v1/reports/pnl/range?from=2023-02-01&to=2023-02-28&granularity={Long}"], url => api.GetAsync(url), 400, "granularity")),
        new("6", "PUT /v1/limits/tr%0D%0Aa", () => LimitsForControlTraderAsync(api)),
        new("6", "the app's log after these inputs", () => LogAsync(target)),
        new("13", "limits {\"max_open_mw\":\"40\"}", () => LimitAsTextAsync(api)),
        new("13", "limits for a trader id no account has", () => LimitForUnknownTraderAsync(api)),
        new("15", "trade-file header over Import:MaxLineBytes (70,000 bytes)", () => WideHeaderAsync(api)),
        new("r", "unauthenticated API call", () => UnauthenticatedAsync(target)),
        new("r", "trader reading another trader's trades", () => OtherTradersTradesAsync(target, api)),
        new("r", "malformed JSON body", () => MalformedJsonAsync(api)),
    ];

    /// <summary>Each answer the error body with <paramref name="status"/>, naming <paramref name="field"/>, printable and short.</summary>
    private static async Task<Verdict> AllRefusedAsync(IEnumerable<string> inputs, Func<string, Task<Answer>> send, int status, string field)
    {
        var answers = new List<Answer>();
        foreach (var input in inputs) answers.Add(await send(input));
        return Verdict.Check(answers.All(a => a.IsError(status, field) && a.MessageIsPrintableAndShort), string.Join("; ", answers.Distinct()));
    }

    /// <summary>The manager's own name with a NUL after it: cut at the NUL it would sign in.</summary>
    private static async Task<Verdict> BasicNameWithNulAsync(CampaignTarget target)
    {
        using var client = CampaignApi.Client(target.BaseUrl, CampaignApi.User + "\0", CampaignApi.Password);
        var answer = await CampaignApi.ReadAsync(await client.GetAsync("/v1/trades"));
        return Verdict.Check(answer.IsError(401) && answer.MessageIsPrintableAndShort && answer.WwwAuthenticate == "Basic",
            $"{answer}, WWW-Authenticate: {answer.WwwAuthenticate ?? "(none)"}");
    }

    private static async Task<Verdict> NewUserAsync(CampaignApi api)
    {
        var answer = await api.PostJsonAsync("/v1/users", new { user_name = "campaign_nul", password = "Trader-Passw0rd!", role = "Trader", trader_id = "trader\u00001" });
        var created = (await api.GetAsync("/v1/users")).Body.Contains("campaign_nul", StringComparison.Ordinal);
        return Verdict.Check(answer.IsError(400, "trader_id") && answer.MessageIsPrintableAndShort && !created, $"{answer}; account {(created ? "CREATED" : "not created")}");
    }

    private static async Task<Verdict> UploadNameAsync(CampaignApi api, string url, string csv, string? day)
    {
        var ledger = (await api.LedgerAsync()).Count;
        var refused = await AllRefusedAsync(Controls.Select(c => string.Format(url, Uri.EscapeDataString($"epex{c}.csv"))), u => api.PostCsvAsync(u, csv), 400, "file_name");
        var ledgerAfter = (await api.LedgerAsync()).Count;
        var stored = day is null ? (await api.GetAsync("/v1/prices/series")).Body.Contains("campaign-name", StringComparison.Ordinal) ? 1 : 0 : await api.TradeCountAsync(day);
        return Verdict.Check(refused.Right == true && ledgerAfter == ledger && stored == 0,
            $"{refused.Detail}; ledger lines {ledger} → {ledgerAfter}; {(stored == 0 ? "nothing stored" : "STORED")}");
    }

    private static async Task<Verdict> LimitsForControlTraderAsync(CampaignApi api)
    {
        var answer = await api.PutJsonAsync("/v1/limits/tr%0D%0Aa", new { max_open_mw = 40 });
        var limits = (await api.GetAsync("/v1/limits")).Json.EnumerateArray().Select(l => l.GetProperty("trader_id").GetString()!).ToList();
        var stored = limits.Any(t => t.StartsWith("tr", StringComparison.Ordinal) && t.Length == 4);
        return Verdict.Check(answer.IsError(400, "trader_id") && answer.MessageIsPrintableAndShort && !stored, $"{answer}; {(stored ? "STORED" : "nothing stored")}");
    }

    /// <summary>Every refusal above is logged: no raw control character may reach the log, nor a line the input forged.</summary>
    private static async Task<Verdict> LogAsync(CampaignTarget target)
    {
        var lines = (await File.ReadAllTextAsync(target.MainLog)).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var raw = lines.Count(l => l.Any(char.IsControl));
        var forged = lines.Count(l => l.StartsWith("X-Injected", StringComparison.Ordinal));
        var echoTooLong = lines.Count(l => l.Contains(new string('d', 101), StringComparison.Ordinal));
        return Verdict.Check(raw == 0 && forged == 0 && echoTooLong == 0,
            $"{lines.Count} lines: {raw} with a raw control character, {forged} forged by an input, {echoTooLong} echoing over 100 characters");
    }

    private static async Task<Verdict> LimitAsTextAsync(CampaignApi api)
    {
        var answer = await api.SendRawAsync(HttpMethod.Put, "/v1/limits/trader_1", """{"max_open_mw":"40"}""", "application/json");
        var stored = (await api.GetAsync("/v1/limits")).Json.EnumerateArray().Any(l => l.GetProperty("trader_id").GetString() == "trader_1");
        return Verdict.Check(answer.IsError(400, "$.max_open_mw") && !stored, $"{answer}; {(stored ? "STORED" : "nothing stored")}");
    }

    private static async Task<Verdict> LimitForUnknownTraderAsync(CampaignApi api)
    {
        var answer = await api.PutJsonAsync("/v1/limits/trader_nobody", new { max_open_mw = 40 });
        var warning = answer.Status == 200 && answer.Json.TryGetProperty("warning", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString()! : null;
        var stored = (await api.GetAsync("/v1/limits")).Json.EnumerateArray().Any(l => l.GetProperty("trader_id").GetString() == "trader_nobody");
        return Verdict.Check(answer.Status == 200 && warning?.Contains("No account has trader_id 'trader_nobody'", StringComparison.Ordinal) == true && stored,
            $"{answer.Status}, warning \"{Text.Shown(warning ?? "(none)")}\"; {(stored ? "stored" : "NOT stored")}");
    }

    private static async Task<Verdict> WideHeaderAsync(CampaignApi api)
    {
        var csv = TradeCsv.Replace("execution_time\n", "execution_time," + new string('x', 70_000) + "\n", StringComparison.Ordinal);
        var answer = await api.PostCsvAsync("/v1/trades/import?file_name=wide.csv", csv);
        return Verdict.Check(answer.IsError(400, "Import:MaxLineBytes") && answer.Message!.Contains("no usable header", StringComparison.Ordinal), answer.ToString());
    }

    private static async Task<Verdict> UnauthenticatedAsync(CampaignTarget target)
    {
        using var anonymous = CampaignApi.Client(target.BaseUrl);
        var answer = await CampaignApi.ReadAsync(await anonymous.GetAsync("/v1/trades"));
        return Verdict.Check(answer.IsError(401) && answer.WwwAuthenticate == "Basic", $"{answer}, WWW-Authenticate: {answer.WwwAuthenticate ?? "(none)"}");
    }

    private static async Task<Verdict> OtherTradersTradesAsync(CampaignTarget target, CampaignApi api)
    {
        const string password = "Trader-Passw0rd!";
        var created = await api.PostJsonAsync("/v1/users", new { user_name = "campaign_tina", password, role = "Trader", trader_id = "trader_7" });
        using var tina = CampaignApi.Client(target.BaseUrl, "campaign_tina", password);
        var others = await CampaignApi.ReadAsync(await tina.GetAsync("/v1/trades?trader_id=trader_1"));
        var own = await CampaignApi.ReadAsync(await tina.GetAsync("/v1/trades"));
        var ownOnly = own.Status == 200 && own.Json.EnumerateArray().All(t => t.GetProperty("trader_id").GetString() == "trader_7");
        return Verdict.Check(created.Status == 201 && others.IsError(403) && ownOnly,
            $"trader_7 asks for trader_1's: {others}; without trader_id: {own.Status} with {(own.Status == 200 ? own.Json.GetArrayLength() : 0)} trades, {(ownOnly ? "all her own" : "NOT only her own")}");
    }

    private static async Task<Verdict> MalformedJsonAsync(CampaignApi api)
    {
        var answer = await api.SendRawAsync(HttpMethod.Post, "/v1/trades", """{"id":""", "application/json");
        return Verdict.Check(answer.IsError(400, "not well-formed JSON"), answer.ToString());
    }
}
