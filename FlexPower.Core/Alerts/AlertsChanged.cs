using FlexPower.Core.Common;

namespace FlexPower.Core.Alerts;

/// <summary>Alerts were raised or cleared (any kind, by any instance): pages showing alerts reload them.</summary>
public sealed record AlertsChanged(int Raised, int Cleared) : Change;
