using FlexPower.Core.Audit;
using FlexPower.Core.Common;
using Microsoft.AspNetCore.WebUtilities;

namespace FlexPower.Web.Features.Audit;

/// <summary>The Audit page's filters: a person, a kind, whole Europe/Berlin days.</summary>
public sealed record AuditQuery(string? User = null, string? Kind = null, DateOnly? From = null, DateOnly? To = null)
{
    public AuditFilter ToFilter(int take)
    {
        var (fromUtc, toUtc) = AuditFilter.Days(From, To);
        return new AuditFilter(User, Kind, fromUtc, toUtc, Take: take);
    }

    /// <summary>The export link's query, in the API's terms (days as YYYY-MM-DD).</summary>
    public static string ToQueryString(AuditQuery q) => QueryHelpers.AddQueryString("", new Dictionary<string, string?>
    {
        ["user"] = q.User, ["kind"] = q.Kind, ["from"] = q.From is { } f ? DayFormat.Of(f) : null, ["to"] = q.To is { } t ? DayFormat.Of(t) : null,
    }.Where(p => p.Value is not null));
}
