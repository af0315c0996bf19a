namespace FlexPower.Core.Common;

/// <summary>Base of the failures Core reports to its callers; Web maps each kind to one HTTP status.</summary>
public abstract class FlexPowerException(string message) : Exception(message);

/// <summary>The input breaks a rule; the message names the field and the rule.</summary>
public class ValidationFailedException(string message) : FlexPowerException(message);

/// <summary>The input contradicts what is already stored (e.g. an existing user name).</summary>
public sealed class ConflictException(string message) : FlexPowerException(message);

/// <summary>The thing asked for does not exist.</summary>
public sealed class NotFoundException(string message) : FlexPowerException(message);

/// <summary>The caller is authenticated but may not do this.</summary>
public sealed class ForbiddenException(string message) : FlexPowerException(message);

/// <summary>The database cannot take the change right now (its file is gone, it is read-only): nothing was stored.</summary>
public sealed class DatabaseUnavailableException(string message) : FlexPowerException(message);
