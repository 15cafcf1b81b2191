// Serves one captured response body from memory on every request: the ceiling the site is measured against.
var body = await File.ReadAllBytesAsync(args.Length > 0 ? args[0] : throw new ArgumentException("usage: Baseline <captured-page.html> [--urls …]"));
var builder = WebApplication.CreateSlimBuilder(args[1..]);
builder.Logging.ClearProviders();
var app = builder.Build();
app.Run(async context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body);
});
await app.RunAsync();
