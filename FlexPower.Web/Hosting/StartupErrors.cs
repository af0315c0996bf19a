using FlexPower.Core.Common;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace FlexPower.Web.Hosting;

/// <summary>Turns a failure to start into the one line an operator needs (which setting, what to do), instead of a stack trace.</summary>
public static class StartupErrors
{
    public static string? Describe(Exception exception) => exception switch
    {
        StartupFailedException e => e.Message,
        OptionsValidationException e => string.Join(" ", e.Failures),
        // The configuration binder: "Failed to convert configuration value at 'Import:ScanInterval' to type 'System.TimeSpan'."
        InvalidOperationException { InnerException: FormatException or OverflowException or ArgumentException } e when e.Message.Contains("configuration value") =>
            $"{e.Message} Fix the setting and start again.",
        // Kestrel, when the port was taken after ListenAddresses found it free: "Failed to bind to address http://…: address already in use."
        IOException { InnerException: AddressInUseException } e => $"{e.Message} Stop the program listening there, or choose another address with --urls.",
        AggregateException { InnerExceptions.Count: 1 } e => Describe(e.InnerExceptions[0]),
        _ => null,
    };
}
