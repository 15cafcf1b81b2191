using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// Issue 18, finding 10: errors under /api, and errors to a fetch that asked for JSON, are RFC 9457
/// problem details (application/problem+json with type, title, status and detail), never the HTML error page.
/// </summary>
public sealed class ProblemDetailsTests
{
    public sealed class Api(SiteFactory site) : IClassFixture<SiteFactory>
    {
        [Theory]
        [InlineData("GET", "/api/v1/tools?page=abc", 400)]
        [InlineData("GET", "/api/v1/tools?page=-1", 400)]
        [InlineData("GET", "/api/v1/tools?page=1.5", 400)]
        [InlineData("GET", "/api/v1/tools/nope", 404)]
        [InlineData("GET", "/api/v1/tools/%3Cx%3E", 404)]
        [InlineData("GET", "/api/v1/compare/nope-vs-smolvlm2", 404)]
        [InlineData("GET", "/api/v1/nothing", 404)]
        [InlineData("GET", "/api/v2/tools", 404)]
        [InlineData("POST", "/api/v1/tools", 405)]
        [InlineData("DELETE", "/api/v1/tools/smolvlm2", 405)]
        [InlineData("PUT", "/api/v1/nothing", 405)]
        [InlineData("OPTIONS", "/api/v1/critics", 405)]
        public async Task ApiError_IsProblemDetails(string method, string url, int status)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            request.Headers.Accept.ParseAdd("text/html,*/*;q=0.8"); // as a browser asks: still JSON under /api

            using var response = await site.Client().SendAsync(request);

            await AssertProblemAsync(response, status);
        }

        [Fact]
        public async Task ApiPage_ClearMessageForABadPage()
        {
            using var response = await site.Client().GetAsync("/api/v1/tools?page=abc");

            var problem = await AssertProblemAsync(response, 400);
            Assert.Contains("page", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task ApiHead_OnAnEndpoint_Is200()
        {
            using var response = await site.Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/critics"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        [Fact]
        public async Task Page_NotFoundForABrowser_IsStillTheHtmlErrorPage()
        {
            using var response = await site.Client().GetAsync("/tools/no-such-tool");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }
    }

    public sealed class Votes
    {
        [Fact]
        public async Task VoteRateLimit_ToAFetchAskingForJson_IsProblemDetails()
        {
            using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Votes:PerMinutePerAddress"] = "1" });
            var client = site.Client();
            using var first = await client.SendAsync(Vote("smolvlm2", "ship"));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

            using var limited = await client.SendAsync(Vote("smolvlm2", "skip"));

            var problem = await AssertProblemAsync(limited, 429);
            Assert.NotNull(limited.Headers.RetryAfter);
            Assert.Contains("Too many requests", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains(site.Logs, l => l.Contains("Security: votes rate limit hit", StringComparison.Ordinal));
        }

        [Fact]
        public async Task VoteAddressCap_ToAFetchAskingForJson_IsProblemDetails()
        {
            using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Votes:PerAddressCap"] = "1" });
            using var first = await site.Client().SendAsync(Vote("smolvlm2", "ship"));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

            using var capped = await site.Client().SendAsync(Vote("smolvlm2", "ship")); // another voter, same address

            var problem = await AssertProblemAsync(capped, 429);
            Assert.Equal("Enough votes on this tool have come from your network already.", problem.GetProperty("detail").GetString());
        }

        [Theory]
        [InlineData("cross-site", "ship", 403)]
        [InlineData("same-origin", "maybe", 400)]
        public async Task VoteRefused_ToAFetchAskingForJson_IsProblemDetails(string fetchSite, string verdict, int status)
        {
            using var site = new SiteFactory();
            using var request = Vote("smolvlm2", verdict);
            request.Headers.Remove("Sec-Fetch-Site");
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
            if (fetchSite == "cross-site")
            {
                request.Headers.Remove("Origin");
                request.Headers.Add("Origin", "https://evil.example");
            }

            using var response = await site.Client().SendAsync(request);

            var problem = await AssertProblemAsync(response, status);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }

        [Fact]
        public async Task VoteForUnknownTool_ToAFetchAskingForJson_IsProblemDetails()
        {
            using var site = new SiteFactory();

            using var response = await site.Client().SendAsync(Vote("no-such-tool", "ship"));

            await AssertProblemAsync(response, 404);
        }

        [Fact]
        public async Task VoteRefused_ForAPlainForm_StaysText()
        {
            using var site = new SiteFactory();
            using var request = Vote("smolvlm2", "maybe");
            request.Headers.Accept.Clear();
            request.Headers.Accept.ParseAdd("text/html");

            using var response = await site.Client().SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        }

        private static HttpRequestMessage Vote(string slug, string verdict)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/votes/" + slug) { Content = new FormUrlEncodedContent([new("verdict", verdict)]) };
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            request.Headers.Add("Origin", "http://localhost");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }
}
