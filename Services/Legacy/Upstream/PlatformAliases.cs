namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// Platform names the seed's Go API accepted besides the platforms' own (<c>x</c> for Twitter/X),
/// turned into the name metadata and streaming know before any route reads <c>{platform}</c>.
/// </summary>
internal static class PlatformAliases
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase) { ["x"] = "twitter" };

    public static IApplicationBuilder UsePlatformAliases(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.RouteValues["platform"] is string platform && Aliases.TryGetValue(platform, out var name))
        {
            context.Request.RouteValues["platform"] = name;
        }
        return next(context);
    });
}
