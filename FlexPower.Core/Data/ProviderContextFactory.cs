using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Data;

/// <summary>Hands out the configured provider's context as the one context type the rest of the code knows.</summary>
internal sealed class ProviderContextFactory<TProvider>(IDbContextFactory<TProvider> provider) : IDbContextFactory<FlexPowerDbContext>
    where TProvider : FlexPowerDbContext
{
    public FlexPowerDbContext CreateDbContext() => provider.CreateDbContext();
}
