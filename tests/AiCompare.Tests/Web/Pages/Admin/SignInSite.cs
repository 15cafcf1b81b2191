using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Accounts;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>
/// The site in process, where each client may come from an address of its own: a startup filter, ahead
/// of the whole pipeline, sets the connection's remote address from the test-only header <see cref="AddressHeader"/>.
/// </summary>
public sealed class SignInSite : IDisposable
{
    public const string AddressHeader = "X-Test-Client-Address";
    public const string Password = AdminSite.Password;

    private readonly SiteFactory _site = new();
    private readonly WebApplicationFactory<Program> _factory;

    public SignInSite()
    {
        _factory = _site.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ClientAddressFilter(c => IPAddress.TryParse(c.Request.Headers[AddressHeader].ToString(), out var a) ? a : null))));
        _ = _factory.Server;
    }

    public IServiceProvider Services => _factory.Services;

    public string ConnectionString => _site.ConnectionString;

    public EditorPasswords Passwords => Services.GetRequiredService<EditorPasswords>();

    public async Task<long> CreateEditorAsync(string email, EditorRole role = EditorRole.Editor)
    {
        var hash = Passwords.Hash(Password);
        return (await Services.GetRequiredService<EditorRepository>().CreateAsync(email, email.Split('@')[0], hash, role, actorId: null))!.Value;
    }

    /// <summary>A browser-like client (own cookies, no redirects followed) at <paramref name="address"/>.</summary>
    public HttpClient Client(string address)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    /// <summary>One sign-in through the real form; the status code (302 signed in, 400 refused).</summary>
    public async Task<HttpStatusCode> SignInAsync(string address, string email, string password)
    {
        using var client = Client(address);
        var form = await PrepareAsync(client, email, password);
        using var response = await client.PostAsync("/admin/login", form);
        return response.StatusCode;
    }

    /// <summary>The filled login form of a fresh page (its antiforgery token and cookie), ready to post.</summary>
    public static async Task<FormUrlEncodedContent> PrepareAsync(HttpClient client, string email, string password)
    {
        var doc = await client.GetDocumentAsync("/admin/login");
        var fields = Forms.Fields((AngleSharp.Html.Dom.IHtmlFormElement)doc.One("form[data-test=login-form]"));
        fields.RemoveAll(f => f.Key is "Email" or "Password");
        fields.Add(new("Email", email));
        fields.Add(new("Password", password));
        return new FormUrlEncodedContent(fields);
    }

    public async Task<T> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = SuiteDatabase.Open(ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? default!;
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = SuiteDatabase.Open(ConnectionString);
        await connection.ExecuteAsync(sql, args);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _site.Dispose();
    }
}
