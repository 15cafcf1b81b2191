using System.Text.Encodings.Web;
using System.Text.Unicode;
using AiCompare.Data;
using AiCompare.Web.Caching;
using AiCompare.Web.Hosting.Metrics;
using AiCompare.Web.Pages.Admin.Accounts;
using AiCompare.Web.Pages.Admin.Tools;
using AiCompare.Web.Pages.Compare;
using AiCompare.Web.Pages.Newsletter;
using AiCompare.Web.Pages.Shared.SiteLayout;
using AiCompare.Web.Pages.Votes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace AiCompare.Web.Hosting;

/// <summary>Service registration, shared by the site and the command-line verbs.</summary>
public static class ServiceRegistration
{
    public const string DefaultConnectionString = "Data Source=data/aicompare.db";

    public static WebApplicationBuilder AddAiCompare(this WebApplicationBuilder builder)
    {
        // Everything that reads configuration does so when the container builds it, not now, so that
        // settings added later (environment, test hosts) are seen.

        // Serilog is the logger factory, configured by the "Serilog" section, plus any sink registered
        // as a service (tests capture logs that way). The static Log.Logger is left alone: each host
        // (several at once in tests) has its own logger, disposed with it.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
                .ReadFrom.Services(services)
                // The request log is Serilog's (RequestPipeline). The host's own request logging stays off
                // entirely, which also spares every request the logging scope and Activity the host makes for it.
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LevelAlias.Off),
            preserveStaticLogger: true);

        builder.Services.AddSettings();
        builder.Services.AddTrustedProxies();
        builder.Services.AddRateLimits();
        builder.Services.AddRequestLimits();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        builder.Services.AddSingleton(sp =>
        {
            var lockTimeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.LockTimeoutSeconds);
            return new Db(DatabaseStartup.ConnectionString(sp.GetRequiredService<IConfiguration>()), lockTimeout);
        });
        builder.Services.AddSingleton<ReadinessRepository>();
        builder.Services.AddSingleton<ReadinessProbe>();
        builder.Services.AddSingleton<Markdown>();
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddSingleton<ContentImporter>();
        builder.Services.AddSingleton<CatalogRepository>();
        builder.Services.AddSingleton<DiscoveryRepository>();
        builder.Services.AddSingleton<ListingRepository>();
        builder.Services.AddSingleton<SearchRepository>();
        builder.Services.AddSingleton<ToolReadModel>();
        builder.Services.AddSingleton<PairResolver>();
        builder.Services.AddSingleton<AiCompare.Web.Pages.Compare.Pair.PairPage>();
        builder.Services.AddSingleton<SiteOrigin>();
        builder.Services.AddSingleton<SecurityHeaders>();
        builder.Services.AddSingleton<AssetPaths>();
        builder.Services.AddSingleton<AbsoluteUrls>();
        builder.Services.AddSingleton<EditorRepository>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<ToolAdminRepository>();
        builder.Services.AddSingleton<CriticAdminRepository>();
        builder.Services.AddSingleton<AuditRepository>();
        builder.Services.AddSingleton<ContentExporter>();
        builder.Services.AddSingleton<SiteSecrets>();
        builder.Services.AddSingleton<EditorPasswords>();
        builder.Services.AddDataProtectionKeys();
        builder.Services.AddSingleton<LogHasher>();
        builder.Services.AddAdmin();
        builder.Services.AddVotes();
        builder.Services.AddNewsletter();
        builder.Services.AddCaching();
        // After AddCaching: hosted services start in the order they are added, and on PostgreSQL the
        // change listener's first connection drops the read model (ChangeListener); warming before it
        // would have most of the warm-up thrown away.
        builder.Services.AddHostedService<ReadModelWarmer>();
        builder.Services.AddSingleton<ScheduledPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        builder.Services.AddSiteMetrics();

        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        // No "Server: Kestrel": it tells a scanner which exploits to try and tells readers nothing.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section);
        IoThread.Configure(builder.Services);
        // Emit Unicode as is (names, "·", "—"); HTML-significant characters are still encoded.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(o =>
        {
            // Every admin page needs a signed-in editor unless it opts out, so a new page is protected by default.
            o.Conventions.AuthorizeFolder("/Admin");
            o.Conventions.AllowAnonymousToPage("/Admin/Login");
            o.Conventions.AuthorizeFolder("/Admin/Editors", AdminSetup.AdminPolicy);
            // Subscribers' personal data: every page and handler in the folder, a new one included.
            o.Conventions.AuthorizeFolder("/Admin/Subscribers", AdminSetup.AdminPolicy);
            o.Conventions.Add(new PageMethodsConvention());
        }).AddMvcOptions(o =>
        {
            o.Filters.Add<FormReadFailureFilter>();
            o.Filters.Add<StorageFaultPageFilter>();
        });
        return builder;
    }

    /// <summary>
    /// One Options class per configuration section, each default in its class (appsettings.json lists
    /// them all), checked before the site starts (Program) so that a bad value stops start-up with one
    /// line naming the setting (<see cref="SettingsProblem"/>). Bound when first asked for, so that settings
    /// added later (environment, test hosts) are seen. The command-line verbs build these services too,
    /// but start no host: a bad value stops a verb only if it uses that setting.
    /// </summary>
    private static void AddSettings(this IServiceCollection services)
    {
        services.AddSetting<SiteOptions>(SiteOptions.Section);
        services.AddSetting<DatabaseOptions>(DatabaseOptions.Section);
        services.AddSetting<ContentOptions>(ContentOptions.Section);
        services.AddSetting<SecurityOptions>(SecurityOptions.Section);
        services.AddSetting<ProxyOptions>(ProxyOptions.Section);
        services.AddSetting<CachingOptions>(CachingOptions.Section);
        services.AddSetting<CatalogOptions>(CatalogOptions.Section);
        services.AddSetting<VotesOptions>(VotesOptions.Section);
        services.AddSetting<AdminOptions>(AdminOptions.Section);
        services.AddSetting<NewsletterOptions>(NewsletterOptions.Section);
        services.AddSetting<EmailOptions>(EmailOptions.Section);
        services.AddSetting<MetricsOptions>(MetricsOptions.Section);
    }

    /// <summary>
    /// Data Protection signs the admin sign-in and antiforgery cookies. Its keys live in the database, so
    /// a restart or a second instance keeps editors signed in. They are stored unencrypted at rest: the
    /// database is already the site's secret store (SiteSecret).
    /// </summary>
    private static void AddDataProtectionKeys(this IServiceCollection services)
    {
        services.AddSingleton<DataProtectionKeyRepository>();
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddDataProtection().SetApplicationName("AiCompare");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((o, keys) => o.XmlRepository = keys);
    }

    private static void AddSetting<TOptions>(this IServiceCollection services, string section) where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
