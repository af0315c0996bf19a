using FlexPower.Core.Common;
using Microsoft.Extensions.Options;

namespace FlexPower.Web.Api;

/// <summary>The <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    /// <summary>The largest JSON body an API call may send (a trade, a user, a production-plan payload).</summary>
    public int MaxJsonBodyBytes { get; set; } = 1 << 20;
}

/// <summary>The allowed range of <see cref="ApiOptions.MaxJsonBodyBytes"/>: 0 would refuse every body, a huge one is held in memory whole.</summary>
public sealed class ApiOptionsValidation : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options) =>
        SettingRange.Result([SettingRange.Check("Api:MaxJsonBodyBytes", options.MaxJsonBodyBytes, 1024, 1 << 30, "bytes")]);
}
