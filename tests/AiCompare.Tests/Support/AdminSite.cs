using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Support;

/// <summary>The site with the shipped content and two accounts: an admin and an editor.</summary>
public sealed class AdminSite : IDisposable
{
    public const string AdminEmail = "admin@example.com";
    public const string EditorEmail = "editor@example.com";
    public const string Password = "correct horse battery staple";

    public AdminSite() : this(new SiteFactory())
    {
    }

    /// <summary>The accounts on a site of the caller's (which this disposes).</summary>
    public static AdminSite On(SiteFactory factory) => new(factory);

    private AdminSite(SiteFactory factory)
    {
        Factory = factory;
        _ = Factory.Server; // start the app: migrations and seed
        CreateEditorAsync(AdminEmail, EditorRole.Admin).GetAwaiter().GetResult();
        CreateEditorAsync(EditorEmail, EditorRole.Editor).GetAwaiter().GetResult();
    }

    public SiteFactory Factory { get; }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async Task<long> CreateEditorAsync(string email, EditorRole role, string password = Password)
    {
        var hash = Service<EditorPasswords>().Hash(password);
        return (await Service<EditorRepository>().CreateAsync(email, email.Split('@')[0], hash, role, actorId: null))!.Value;
    }

    /// <summary>A fresh browser-like client (own cookies), not following redirects.</summary>
    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real login form.</summary>
    public async Task<HttpClient> SignedInAsync(string email = AdminEmail, string password = Password)
    {
        var client = Client();
        using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = email,
            ["Password"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email} answered {(int)response.StatusCode}");
        return client;
    }

    public void Dispose() => Factory.Dispose();
}
