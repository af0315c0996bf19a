namespace FlexPower.Core.Planning;

/// <summary>A named planner set-up (the payload as JSON) saved by a user.</summary>
public sealed class PlannerScenario
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string OwnerUserName { get; set; }
    public required string PayloadJson { get; set; }
    public DateTime SavedUtc { get; set; }
}
