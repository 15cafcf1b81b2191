using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AiCompare.Tests.Support;

/// <summary>
/// Ahead of the whole pipeline, gives each request of an in-process test server (which has no remote
/// address) the client address <paramref name="pick"/> chooses; <c>null</c> leaves the request as it is.
/// </summary>
public sealed class ClientAddressFilter(Func<HttpContext, IPAddress?> pick) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate then) =>
        {
            if (pick(context) is { } address) context.Connection.RemoteIpAddress = address;
            return then(context);
        });
        next(app);
    };
}
