using MudBlazor;

namespace FlexPower.Web.Components.Layout;

/// <summary>
/// FlexPower's light and dark palettes. Primary colours are chosen for contrast with their button text in both modes
/// (dark mode uses a light blue with dark text: MudBlazor's default lilac with white text reads poorly).
/// </summary>
public static class FlexPowerTheme
{
    private static readonly string[] SystemFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            PrimaryContrastText = "#ffffff",
            Secondary = "#8a5300",
            Info = "#0b6fa4",
            Success = "#2e7d32",
            Warning = "#a15c00",
            Error = "#c62828",
            AppbarBackground = "#0f2a47",
            AppbarText = "#ffffff",
            Background = "#f4f6f9",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.80)",
            TextPrimary = "rgba(0,0,0,0.87)",
            TextSecondary = "rgba(0,0,0,0.62)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90caf9",
            PrimaryContrastText = "rgba(0,0,0,0.87)",
            Secondary = "#ffcc80",
            SecondaryContrastText = "rgba(0,0,0,0.87)",
            Info = "#81d4fa",
            InfoContrastText = "rgba(0,0,0,0.87)",
            Success = "#81c784",
            SuccessContrastText = "rgba(0,0,0,0.87)",
            Warning = "#ffb74d",
            WarningContrastText = "rgba(0,0,0,0.87)",
            Error = "#ef9a9a",
            ErrorContrastText = "rgba(0,0,0,0.87)",
            Background = "#121417",
            BackgroundGray = "#181a1e",
            Surface = "#1d2025",
            DrawerBackground = "#16181c",
            DrawerText = "rgba(255,255,255,0.82)",
            DrawerIcon = "rgba(255,255,255,0.74)",
            AppbarBackground = "#16181c",
            AppbarText = "rgba(255,255,255,0.90)",
            TextPrimary = "rgba(255,255,255,0.88)",
            TextSecondary = "rgba(255,255,255,0.66)",
            ActionDefault = "rgba(255,255,255,0.74)",
            LinesDefault = "rgba(255,255,255,0.14)",
            TableLines = "rgba(255,255,255,0.10)",
            TableHover = "rgba(255,255,255,0.06)",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = SystemFonts } },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px", AppbarHeight = "56px" },
    };
}
