using System.Globalization;

namespace FlexPower.Web.Components.Shared;

/// <summary>How money reads on every page: EUR with an explicit sign and cents; prices converted from eurocent/MWh.</summary>
public static class Money
{
    private static readonly CultureInfo Format = CultureInfo.GetCultureInfo("en-GB");

    public static string Eur(decimal eur) => (eur > 0 ? "+" : "") + eur.ToString("N2", Format) + " €";

    public static string SignClass(decimal eur) => eur > 0 ? "fp-profit" : eur < 0 ? "fp-loss" : "";

    public static string EurPerMwh(long eurocentPerMwh) => (eurocentPerMwh / 100m).ToString("N2", Format);
}
