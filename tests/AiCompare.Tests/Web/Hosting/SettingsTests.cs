using System.Reflection;
using System.Text.Json;
using AiCompare.Tests.Support;
using AiCompare.Web.Caching;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Compare;
using AiCompare.Web.Pages.Newsletter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// Settings are Options classes, one per configuration section: each default is written once, in its
/// class, and appsettings.json lists every setting with that same default.
/// </summary>
public sealed class SettingsTests
{
    /// <summary>Every Options class of the site: a type with a <c>Section</c> constant.</summary>
    public static TheoryData<string> Sections()
    {
        var data = new TheoryData<string>();
        foreach (var type in OptionsTypes()) data.Add(type.FullName!);
        return data;
    }

    private static IEnumerable<Type> OptionsTypes() =>
        typeof(SiteOptions).Assembly.GetTypes()
            .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static readonly IConfiguration AppSettings = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(TestPaths.RepoRoot, "src", "AiCompare.Web", "appsettings.json"))
        .Build();

    [Fact]
    public void EveryOptionsClass_IsFound()
    {
        Assert.Equal(
            ["Admin", "Caching", "Catalog", "Content", "Database", "Email", "ForwardedHeaders", "Metrics", "Newsletter", "Security", "Server", "Site", "Votes"],
            OptionsTypes().Select(Section).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void AppSettings_ListsEverySettingOfTheSection(string typeName)
    {
        var type = OptionsTypes().Single(t => t.FullName == typeName);

        var missing = SettingPaths(type, Section(type)).Where(path => !AppSettings.GetSection(path).Exists()).ToList();

        Assert.True(missing.Count == 0, "appsettings.json lacks " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void AppSettings_HoldsTheClassDefaults(string typeName)
    {
        var type = OptionsTypes().Single(t => t.FullName == typeName);

        var bound = AppSettings.GetSection(Section(type)).Get(type);

        Assert.Equal(JsonSerializer.Serialize(Activator.CreateInstance(type)), JsonSerializer.Serialize(bound));
    }

    [Fact]
    public void Settings_ReachTheServicesThatUseThem()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["Newsletter:DigestDay"] = "friday",
            ["Newsletter:DigestTimeUtc"] = "17:30",
            ["Catalog:CachedTools"] = "500",
            ["Caching:SizeLimitMB"] = "2",
            ["Email:Smtp:Host"] = "mail.example",
        });
        _ = site.Server;

        Assert.Equal(new DigestSchedule(DayOfWeek.Friday, new TimeOnly(17, 30)), site.Services.GetRequiredService<Digests>().Schedule);
        Assert.Equal(500, site.Services.GetRequiredService<ToolReadModel>().Capacity);
        Assert.Equal(2L * 1024 * 1024, site.Services.GetRequiredService<PageCache>().SizeLimit);
        Assert.Equal("mail.example", ((SmtpEmailSender)site.Services.GetRequiredService<IEmailSender>()).Host);
    }

    [Fact]
    public void Defaults_AreTheClassDefaults()
    {
        using var site = new SiteFactory();
        _ = site.Server;

        Assert.Equal(new DigestSchedule(DayOfWeek.Monday, new TimeOnly(8, 0)), site.Services.GetRequiredService<Digests>().Schedule);
        Assert.Equal(new CatalogOptions().CachedTools, site.Services.GetRequiredService<ToolReadModel>().Capacity);
        Assert.Equal(new CachingOptions().SizeLimitMB * 1024L * 1024, site.Services.GetRequiredService<PageCache>().SizeLimit);
        Assert.Null(((SmtpEmailSender)site.Services.GetRequiredService<IEmailSender>()).Host);
    }

    private static string Section(Type type) => (string)type.GetField("Section")!.GetRawConstantValue()!;

    /// <summary>The configuration paths of a class's settable properties, nested classes included.</summary>
    private static IEnumerable<string> SettingPaths(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var path = prefix + ":" + property.Name;
            var t = property.PropertyType;
            if (t.IsClass && t != typeof(string))
            {
                foreach (var inner in SettingPaths(t, path)) yield return inner;
            }
            else
            {
                yield return path;
            }
        }
    }
}
