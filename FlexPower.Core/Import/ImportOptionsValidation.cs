using FlexPower.Core.Common;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Import;

/// <summary>The allowed range of every number and time span in the <c>Import</c> section (the README's configuration table lists them).</summary>
public sealed class ImportOptionsValidation : IValidateOptions<ImportOptions>
{
    public ValidateOptionsResult Validate(string? name, ImportOptions options) => SettingRange.Result(
    [
        SettingRange.Check("Import:ScanInterval", options.ScanInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
        SettingRange.Check("Import:StableFor", options.StableFor, TimeSpan.Zero, TimeSpan.FromHours(1)),
        SettingRange.Check("Import:RetryEvery", options.RetryEvery, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
        SettingRange.Check("Import:AlertLookbackDays", options.AlertLookbackDays, 1, 365, "days"),
        SettingRange.Check("Import:MaxLineBytes", options.MaxLineBytes, 1024, 16 << 20, "bytes"),
        SettingRange.Check("Import:MaxUploadBytes", options.MaxUploadBytes, 1024, 1L << 40, "bytes"),
    ]);
}
