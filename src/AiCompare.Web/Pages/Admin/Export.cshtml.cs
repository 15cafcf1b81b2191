using System.Globalization;
using AiCompare.Data;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin;

/// <summary>Downloads the whole catalog as a zip of content files (<c>import</c> reads it back unchanged).</summary>
public sealed class ExportModel(ContentExporter exporter, ILogger<ExportModel> logger) : PageModel
{
    public FileContentResult OnGet()
    {
        using var buffer = new MemoryStream();
        exporter.WriteZip(buffer);
        logger.LogInformation("Catalog exported by editor #{EditorId}", User.EditorId());
        var name = "aicompare-content-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture) + ".zip";
        return File(buffer.ToArray(), "application/zip", name);
    }
}
