using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Newsletter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCompare.Tests.Web.Pages.Newsletter;

/// <summary>The signup throttle counts emails that went out, not attempts.</summary>
public sealed class SignupRetryTests
{
    [Fact]
    public async Task ConfirmationThatFailed_IsSentOnTheNextSignup()
    {
        using var site = new SiteFactory();
        var failOnce = new FailOnceSender();
        using var factory = site.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.RemoveAll<IEmailSender>();
            s.AddSingleton<IEmailSender>(failOnce);
        }));

        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<NewsletterService>().SignupAsync("retry@example.com", "203.0.113.9");
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<NewsletterService>().SignupAsync("retry@example.com", "203.0.113.9");

        Assert.Equal(2, failOnce.Attempts);
        var sent = Assert.Single(failOnce.Sent);
        Assert.Equal("retry@example.com", sent.To);
        Assert.StartsWith("Confirm your subscription", sent.Subject, StringComparison.Ordinal);
    }

    private sealed class FailOnceSender : IEmailSender
    {
        public int Attempts;
        public List<OutgoingEmail> Sent { get; } = [];

        public Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref Attempts) == 1) throw new System.Net.Mail.SmtpException("mail server down");
            lock (Sent) Sent.Add(email);
            return Task.CompletedTask;
        }
    }
}
