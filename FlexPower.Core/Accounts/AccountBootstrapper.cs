using System.Security.Cryptography;
using FlexPower.Core.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Accounts;

public sealed class BootstrapOptions
{
    public BootstrapManagerOptions Manager { get; set; } = new();
}

public sealed class BootstrapManagerOptions
{
    public string UserName { get; set; } = "admin";
    public string? Password { get; set; }
}

/// <summary>Creates the roles, and on a database with no users the first Manager, so a fresh install can be administered.</summary>
public sealed class AccountBootstrapper(IServiceScopeFactory scopes, AccountService accounts, IOptions<BootstrapOptions> options, ILogger<AccountBootstrapper> logger)
{
    public async Task EnsureRolesAndManagerAsync(TextWriter console)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (users.Users.Any()) return;

        var configured = options.Value.Manager;
        var password = string.IsNullOrEmpty(configured.Password) ? GeneratePassword() : configured.Password;
        try
        {
            await accounts.CreateAsync(AccountService.StartUp, new NewAccount(configured.UserName, password, Roles.Manager, null));
        }
        catch (ValidationFailedException e)
        {
            // Never echo a configured password: name the setting and the rule it breaks.
            var setting = e.Message.StartsWith("password", StringComparison.Ordinal) ? "Bootstrap:Manager:Password" : "Bootstrap:Manager:UserName";
            throw new StartupFailedException($"{setting} cannot create the first manager: {e.Message} Fix the setting (appsettings.json, or the environment variable {setting.Replace(":", "__")}) and start again.");
        }
        logger.LogWarning("No user existed: created the bootstrap manager {UserName}", configured.UserName);
        if (string.IsNullOrEmpty(configured.Password))
        {
            // Printed to the console once, never logged through providers that may ship logs elsewhere.
            console.WriteLine($"""

                ==================================================================
                 FlexPower bootstrap manager created (shown only this once)
                   user name: {configured.UserName}
                   password:  {password}
                 Sign in and change it under the user menu → Change password.
                ==================================================================

                """);
        }
    }

    /// <summary>20 characters from all four classes Identity requires, from a cryptographic generator.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!#%+-=?@_";
        var all = lower + upper + digits + symbols;
        var chars = new List<char>
        {
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 20) chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).ToArray());
    }
}
