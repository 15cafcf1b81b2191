using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Newsletter;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Newsletter;

/// <summary>Without an SMTP host, emails land in the pickup folder whole or not at all.</summary>
public sealed class PickupDirectoryTests
{
    [Fact]
    public async Task Send_LeavesOnlyCompleteEmlFiles_NoTempFiles()
    {
        using var site = new SiteFactory();
        var sender = site.Services.GetRequiredService<IEmailSender>();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            sender.SendAsync(new OutgoingEmail($"reader{i}@example.com", $"Subject {i}", "Text", "<p>Html</p>"))));

        Assert.Empty(Directory.EnumerateDirectories(site.Outbox));
        var files = Directory.EnumerateFiles(site.Outbox).ToList();
        Assert.Equal(5, files.Count);
        Assert.All(files, f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0, f));
        var subjects = Eml.ReadAll(site.Outbox).Select(e => e.Subject).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Subject {i}"), subjects);
    }
}
