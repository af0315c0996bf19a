using System.Text.Json;
using FlexPower.Core.Accounts;
using FlexPower.Core.Audit;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Planning;

public sealed record ScenarioSummary(long Id, string Name, string OwnerUserName, DateTime SavedUtc);

/// <summary>A scenario as the audit trail records it: its name and a summary of the payload, not every plant's figures.</summary>
internal sealed record ScenarioAudit(string Name, decimal Load, int Plants, decimal PmaxMw, decimal GasEuroPerMwh, decimal KerosineEuroPerMwh,
    decimal Co2EuroPerTon, decimal WindPercent, bool IncludeCo2)
{
    public static ScenarioAudit Of(string name, PlanRequest request) => new(name, request.Load, request.Plants.Count, request.Plants.Sum(p => p.Pmax),
        request.Fuels.GasEuroPerMwh, request.Fuels.KerosineEuroPerMwh, request.Fuels.Co2EuroPerTon, request.Fuels.WindPercent, request.IncludeCo2);
}

/// <summary>Named planner scenarios: everyone saves and reopens their own; managers can open everyone's.</summary>
public sealed class ScenarioService(IDbContextFactory<FlexPowerDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<ScenarioSummary>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scenarios = db.PlannerScenarios.AsNoTracking();
        if (!caller.SeesDesk) scenarios = scenarios.Where(s => s.OwnerUserName == caller.UserName);
        return await scenarios.OrderBy(s => s.OwnerUserName).ThenBy(s => s.Name)
            .Select(s => new ScenarioSummary(s.Id, s.Name, s.OwnerUserName, s.SavedUtc)).ToListAsync(cancellationToken);
    }

    /// <summary>Saves (or overwrites) the caller's scenario of that name; the payload is validated first.</summary>
    public async Task<ScenarioSummary> SaveAsync(Caller caller, string? name, PlanRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) throw new ValidationFailedException("Give the scenario a name of 1–100 characters.");
        PlainText.Require(name, "The scenario's name");
        var json = PayloadWriter.Write(request);
        PayloadReader.Read(JsonDocument.Parse(json).RootElement, request.IncludeCo2); // only valid payloads are stored
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scenario = await db.PlannerScenarios.FirstOrDefaultAsync(s => s.OwnerUserName == caller.UserName && s.Name == name.Trim(), cancellationToken);
        var before = scenario is null ? null : ScenarioAudit.Of(scenario.Name, PayloadReader.Read(JsonDocument.Parse(scenario.PayloadJson).RootElement, scenario.IncludeCo2));
        if (scenario is null) db.PlannerScenarios.Add(scenario = new PlannerScenario { Name = name.Trim(), OwnerUserName = caller.UserName, PayloadJson = json });
        scenario.PayloadJson = json;
        scenario.IncludeCo2 = request.IncludeCo2;
        scenario.SavedUtc = clock.GetUtcNow().UtcDateTime;
        AuditTrail.Record(db, caller, scenario.SavedUtc, AuditKinds.ScenarioSaved, $"{caller.UserName}/{scenario.Name}", before, ScenarioAudit.Of(scenario.Name, request));
        await db.SaveChangesAsync(cancellationToken);
        return new ScenarioSummary(scenario.Id, scenario.Name, scenario.OwnerUserName, scenario.SavedUtc);
    }

    public async Task<PlanRequest> OpenAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scenario = await db.PlannerScenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Scenario #{id} does not exist.");
        if (!caller.MayOpenRecordOf(scenario.OwnerUserName)) throw new ForbiddenException("That scenario is not yours.");
        return PayloadReader.Read(JsonDocument.Parse(scenario.PayloadJson).RootElement, scenario.IncludeCo2);
    }
}
