namespace FlexPower.Core.Reports;

/// <summary>The <c>Reports</c> configuration section.</summary>
public sealed class ReportOptions
{
    /// <summary>The reference series that marks positions to market unless a page or request picks another.</summary>
    public string ReferenceSeries { get; set; } = "day-ahead";
}
