namespace AiCompare.Web.Hosting;

/// <summary>
/// <c>GET /readyz</c>: <c>200 ready</c> when the database is reachable and takes a write, otherwise
/// <c>503 not ready: &lt;reason&gt;</c> (storage full, read-only, locked/busy, unreachable), so a load
/// balancer takes the node out. Never cached. <c>/healthz</c> stays liveness: the process answers.
/// </summary>
public static class ReadinessEndpoint
{
    public const string Ready = "ready";

    public static void MapReadiness(this WebApplication app) => app.MapGet("/readyz", AnswerAsync);

    private static async Task<IResult> AnswerAsync(HttpContext context, ReadinessProbe probe)
    {
        context.Response.Headers.CacheControl = "no-store";
        var problem = await probe.ProblemAsync(context.RequestAborted);
        return problem is null
            ? Results.Text(Ready, "text/plain")
            : Results.Text("not ready: " + problem, "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
