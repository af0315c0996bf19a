using FlexPower.Core.Common;
using MimeKit;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Alerts;

/// <summary>The <c>Alerts</c> configuration section: where raised and cleared alerts are sent outside the app.</summary>
public sealed class AlertOptions
{
    /// <summary>Every alert event is POSTed here as JSON; empty sends no webhook.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature of each webhook body (required with a webhook URL).</summary>
    public string? WebhookSecret { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The first retry waits this long; each further one twice as long as the one before (up to <see cref="MaxRetryDelay"/>).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many failed attempts a delivery is given up (status failed, kept in the log).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How often the sender looks for deliveries written by other processes (the command line, another instance).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One request or SMTP session may take this long before it counts as a failed attempt.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool WebhookEnabled => !string.IsNullOrWhiteSpace(WebhookUrl);
    public bool EmailEnabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IReadOnlyList<DeliveryChannel> Channels =>
        [.. WebhookEnabled ? [DeliveryChannel.Webhook] : Array.Empty<DeliveryChannel>(), .. EmailEnabled ? [DeliveryChannel.Email] : Array.Empty<DeliveryChannel>()];
}

/// <summary>The <c>Alerts:Smtp</c> section: e-mail through an SMTP server (MailKit); off while <see cref="Host"/> is empty.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? From { get; set; }

    /// <summary>One or more recipients, separated by commas or semicolons.</summary>
    public string? To { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Encrypt the session: TLS from the start on port 465, STARTTLS (required) on any other port. False sends in the clear.</summary>
    public bool UseTls { get; set; } = true;

    public IReadOnlyList<string> Recipients => (To ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Checks the <c>Alerts</c> settings at startup; each failure names the setting and how to fix it.</summary>
public sealed class AlertOptionsValidation : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var errors = Problems(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<string> Problems(AlertOptions options)
    {
        if (options.WebhookEnabled)
        {
            if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                yield return $"Alerts:WebhookUrl '{options.WebhookUrl}' is not an absolute http(s) URL, e.g. https://hooks.example/flexpower.";
            if (string.IsNullOrEmpty(options.WebhookSecret) || options.WebhookSecret.Length < 16)
                yield return "Alerts:WebhookSecret must be set (at least 16 characters) when Alerts:WebhookUrl is: the receiver checks each body's HMAC-SHA256 signature with it. Use an environment variable (Alerts__WebhookSecret), not a file in the repository.";
        }
        var smtp = options.Smtp;
        if (options.EmailEnabled)
        {
            if (smtp.Port is < 1 or > 65535)
                yield return $"Alerts:Smtp:Port {smtp.Port} is not a port: use 1-65535 (587 for STARTTLS, 465 for TLS, 25 in the clear).";
            if (!MailboxAddress.TryParse(smtp.From ?? "", out _) || string.IsNullOrWhiteSpace(smtp.From) || !smtp.From.Contains('@'))
                yield return $"Alerts:Smtp:From '{smtp.From}' is not an e-mail address, e.g. flexpower@desk.example.";
            if (smtp.Recipients.Count == 0)
                yield return "Alerts:Smtp:To is empty: name at least one recipient (several separated by commas).";
            foreach (var recipient in smtp.Recipients.Where(r => !MailboxAddress.TryParse(r, out _) || !r.Contains('@')))
                yield return $"Alerts:Smtp:To '{recipient}' is not an e-mail address.";
            if (string.IsNullOrEmpty(smtp.UserName) != string.IsNullOrEmpty(smtp.Password))
                yield return "Alerts:Smtp:UserName and Alerts:Smtp:Password go together: set both (to sign in) or neither.";
        }
        foreach (var outOfRange in new[]
                 {
                     SettingRange.Check("Alerts:RetryBaseDelay", options.RetryBaseDelay, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1)),
                     SettingRange.Check("Alerts:MaxRetryDelay", options.MaxRetryDelay, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
                     SettingRange.Check("Alerts:MaxAttempts", options.MaxAttempts, 1, 100, "attempts"),
                     SettingRange.Check("Alerts:PollInterval", options.PollInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
                     SettingRange.Check("Alerts:SendTimeout", options.SendTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
                 }.OfType<string>())
            yield return outOfRange;
        if (options.MaxRetryDelay < options.RetryBaseDelay) yield return "Alerts:MaxRetryDelay must be at least Alerts:RetryBaseDelay.";
    }
}
