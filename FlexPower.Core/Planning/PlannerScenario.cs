namespace FlexPower.Core.Planning;

/// <summary>A named planner set-up (the payload as JSON) saved by a user.</summary>
public sealed class PlannerScenario
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string OwnerUserName { get; set; }
    public required string PayloadJson { get; set; }

    /// <summary>Whether the plan prices CO2 (<c>?co2=false</c> on the API); the payload format itself has no such field.</summary>
    public bool IncludeCo2 { get; set; } = true;
    public DateTime SavedUtc { get; set; }
}
