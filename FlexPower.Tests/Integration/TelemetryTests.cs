using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using FlexPower.Core.Data;
using FlexPower.Core.Telemetry;
using FlexPower.Tests.Support;
using FlexPower.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FlexPower.Tests.Integration;

/// <summary>
/// Spans and metrics of an API trade, an import and an alert, read through the in-memory exporter of the host's own SDK.
/// FlexPower's source and meter are one per process, so other tests' hosts show up too: spans are found by this test's
/// trace (its requests carry a traceparent), metrics only ever grow.
/// </summary>
public abstract class TelemetryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly Recorded<Activity> spans = new();
    private readonly Recorded<MetricSnapshot> metrics = new();
    private readonly string trader = $"otel_{provider}_{Guid.NewGuid():N}"[..24];
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database, services: services => services.AddFlexPowerOpenTelemetry(new ConfigurationBuilder().Build()).WithWebInstrumentation()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(meters => meters.AddInMemoryExporter(metrics)));
        manager = factory.CreateApiClient();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ApiTrade_IsARequestSpan_WithTheTradesAttributes_AndCountsAsStored()
    {
        var trace = ActivityTraceId.CreateRandom();

        var response = await SendAsync(trace, HttpMethod.Post, "/v1/trades", JsonContent.Create(Trade("otel-1", mw: 5)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The request's span and the commit's end just after the answer is sent.
        await Wait.UntilAsync(() => spans.Any(s => s.TraceId == trace && s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server),
            "the request's span is exported");
        var request = Assert.Single(spans, s => s.TraceId == trace && s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        // The request's HTTP attributes, by the semantic conventions (set by the ASP.NET Core instrumentation).
        Assert.Equal("POST /v1/trades/", request.DisplayName);
        Assert.Equal("POST", request.GetTagItem("http.request.method"));
        Assert.Equal("/v1/trades/", request.GetTagItem("http.route"));
        Assert.Equal("/v1/trades", request.GetTagItem("url.path"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        Assert.Equal(trader, request.GetTagItem("flexpower.trader_id"));
        Assert.Equal("inserted", request.GetTagItem("flexpower.outcome"));
        Assert.Equal(FlexPowerFactory.ManagerName, request.GetTagItem("flexpower.user"));
        Assert.DoesNotContain(request.TagObjects, tag => tag.Key.Contains("price") || tag.Key.Contains("password"));
        Assert.DoesNotContain(spans, s => s.TraceId == trace && s.Source.Name == FlexPowerTelemetry.Name && s.OperationName.StartsWith("flexpower.trade"));
        // The group commit served this request among others: it is linked to the request's span, not its child.
        await Wait.UntilAsync(() => spans.Any(s => s.OperationName == "flexpower.trades.commit" && s.Links.Any(l => l.Context.SpanId == request.SpanId)),
            "the commit linked to the trade's span is exported");
        Assert.True(Sum("flexpower.trades.stored", ("flexpower.source", "request")) >= 1);
    }

    [Fact]
    public async Task ApiTrade_Refused_MarksTheRequestSpansOutcome_NotItsStatus()
    {
        var trace = ActivityTraceId.CreateRandom();

        var response = await SendAsync(trace, HttpMethod.Post, "/v1/trades", JsonContent.Create(Trade("otel-bad", mw: -5)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Wait.UntilAsync(() => spans.Any(s => s.TraceId == trace && s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server),
            "the request's span is exported");
        var request = spans.Single(s => s.TraceId == trace && s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        Assert.Equal("error", request.GetTagItem("flexpower.outcome"));
        Assert.Equal(400, request.GetTagItem("http.response.status_code"));
        Assert.Equal(FlexPowerFactory.ManagerName, request.GetTagItem("flexpower.user"));
        // A client's mistake is the client's: the server's span is not marked failed.
        Assert.NotEqual(ActivityStatusCode.Error, request.Status);
    }

    [Fact]
    public async Task ApiCalls_RecordTheRequestDuration_NotThePerRequestAuthenticationRoutingAndMemoryPoolInstruments()
    {
        var response = await SendAsync(ActivityTraceId.CreateRandom(), HttpMethod.Post, "/v1/trades", JsonContent.Create(Trade("otel-3", mw: 1)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        metrics.Clear();
        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
        Assert.DoesNotContain(metrics, m => m.Name.StartsWith("aspnetcore.memory_pool.") || m.Name.StartsWith("aspnetcore.authentication.")
            || m.Name.StartsWith("aspnetcore.authorization.") || m.Name == "aspnetcore.routing.match_attempts");
    }

    [Fact]
    public async Task ApiImport_IsAnImportSpan_WithItsRows_AndCountsRowsByOutcome()
    {
        var trace = ActivityTraceId.CreateRandom();
        var file = $"otel_{Guid.NewGuid():N}.csv";
        var csv = TradeFile.Header + "\n" + string.Join("\n", Enumerable.Range(0, 4).Select(i => TradeFile.GoodRow(i).Replace("trader_1", trader)))
            + "\nbroken,row\n";
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");

        var response = await SendAsync(trace, HttpMethod.Post, $"/v1/trades/import?file_name={file}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var import = Assert.Single(spans, s => s.OperationName == "flexpower.import" && (string?)s.GetTagItem("flexpower.file") == file);
        Assert.Equal(trace, import.TraceId);
        Assert.Equal("trades", import.GetTagItem("flexpower.import.kind"));
        Assert.Equal("api", import.GetTagItem("flexpower.source"));
        Assert.Equal(5, import.GetTagItem("flexpower.rows.read"));
        Assert.Equal(4, import.GetTagItem("flexpower.rows.stored"));
        Assert.Equal(1, import.GetTagItem("flexpower.rows.rejected"));
        Assert.Equal("imported", import.GetTagItem("flexpower.outcome"));
        Assert.True(Sum("flexpower.import.rows", ("flexpower.import.kind", "trades"), ("flexpower.outcome", "stored")) >= 4);
        Assert.True(Sum("flexpower.import.rows", ("flexpower.import.kind", "trades"), ("flexpower.outcome", "rejected")) >= 1);
        Assert.True(Sum("flexpower.trades.stored", ("flexpower.source", "api")) >= 4);
        Assert.True(Count("flexpower.import.duration", ("flexpower.outcome", "imported")) >= 1);
    }

    [Fact]
    public async Task TradeOverTheLimit_RaisesTheAlert_InTheTraceOfItsCommit_AndCountsIt()
    {
        var limit = await manager.PutAsync($"/v1/limits/{trader}", JsonContent.Create(new { max_open_mw = 50 }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, limit.StatusCode);
        var trace = ActivityTraceId.CreateRandom();

        var response = await SendAsync(trace, HttpMethod.Post, "/v1/trades", JsonContent.Create(Trade("otel-2", mw: 60)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Wait.UntilAsync(() => spans.Any(s => s.TraceId == trace && s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server),
            "the request's span is exported");
        var request = spans.Single(s => s.TraceId == trace && s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        await Wait.UntilAsync(() => spans.Any(s => s.OperationName == "flexpower.trades.commit" && s.Links.Any(l => l.Context.SpanId == request.SpanId)),
            "the commit is exported");
        var commit = spans.Single(s => s.OperationName == "flexpower.trades.commit" && s.Links.Any(l => l.Context.SpanId == request.SpanId));
        // The limit check hears the commit's change: its spans continue the commit's trace.
        await Wait.UntilAsync(() => spans.Any(s => s.TraceId == commit.TraceId && s.OperationName == "flexpower.alerts.sync"
            && s.GetTagItem("flexpower.alerts.raised") is 1), "the alert is raised in the commit's trace");
        Assert.Contains(spans, s => s.TraceId == commit.TraceId && s.OperationName == "flexpower.job.limit_check");
        Assert.True(Sum("flexpower.alerts.raised", ("flexpower.alert.kind", "open_position_limit")) >= 1);
    }

    [Fact]
    public async Task Gauges_ReadFromTheRunningHost_AreExported_TheOutboxAgeOnceReadInTheBackground()
    {
        // The host leads (its own database), has an inbox, and its outbox is read on the first collection, reported from the next.
        await Wait.UntilAsync(() => Exported("flexpower.cluster.leader") && Exported("flexpower.inbox.files_waiting")
            && Exported("flexpower.day_marks.refresh_lag") && Exported("flexpower.alerts.outbox.age"), "every gauge is exported", TimeSpan.FromSeconds(30));

        Assert.All(Points("flexpower.cluster.leader", []), point => Assert.InRange(point.GetGaugeLastValueLong(), 0, 1));
        Assert.All(Points("flexpower.alerts.outbox.age", []), point => Assert.True(point.GetGaugeLastValueDouble() >= 0));
    }

    private bool Exported(string name)
    {
        metrics.Clear();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
        return metrics.Any(m => m.Name == name && m.MetricPoints.Count > 0);
    }

    private object Trade(string id, long mw) => new
    {
        id = $"{id}-{trader}", price = 8000, quantity = mw, direction = "buy", delivery_day = "2023-02-28", delivery_hour = 9, trader_id = trader,
        execution_time = "2023-02-28T06:00:00Z",
    };

    private Task<HttpResponseMessage> SendAsync(ActivityTraceId trace, HttpMethod method, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        return manager.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The latest cumulative sum of a counter over the points with these attributes.</summary>
    private long Sum(string name, params (string Key, string Value)[] tags) => Points(name, tags).Sum(p => p.GetSumLong());

    private long Count(string name, params (string Key, string Value)[] tags) => Points(name, tags).Sum(p => p.GetHistogramCount());

    private IEnumerable<MetricPoint> Points(string name, (string Key, string Value)[] tags)
    {
        metrics.Clear();
        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        var metric = metrics.LastOrDefault(m => m.Name == name);
        Assert.True(metric is not null, $"{name} was not exported");
        return metric.MetricPoints.Where(point => tags.All(tag => Has(point, tag))).ToList();
    }

    private static bool Has(MetricPoint point, (string Key, string Value) tag)
    {
        foreach (var pair in point.Tags)
            if (pair.Key == tag.Key && Equals(pair.Value, tag.Value)) return true;
        return false;
    }
}

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests_Sqlite() : TelemetryTests(DatabaseProvider.Sqlite);

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests_Postgres() : TelemetryTests(DatabaseProvider.Postgres);
