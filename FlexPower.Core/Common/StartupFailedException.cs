namespace FlexPower.Core.Common;

/// <summary>
/// The app cannot start as configured (a bad setting, a database it must not touch). The message is one line naming
/// the setting or file and how to fix it; hosts print it and exit with a non-zero code, without a stack trace.
/// </summary>
public sealed class StartupFailedException(string message) : Exception(message);
