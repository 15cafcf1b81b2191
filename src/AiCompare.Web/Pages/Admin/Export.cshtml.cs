using System.Globalization;
using AiCompare.Data;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin;

/// <summary>Downloads the whole catalog as a zip of content files (<c>import</c> reads it back unchanged). Audited.</summary>
public sealed class ExportModel(ContentExporter exporter, AuditRepository audit, ILogger<ExportModel> logger) : PageModel
{
    public async Task<FileContentResult> OnGetAsync()
    {
        using var buffer = new MemoryStream();
        exporter.WriteZip(buffer);
        var name = "aicompare-content-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture) + ".zip";
        await audit.RecordAsync(User.EditorId(), "catalog.export", "catalog", name);
        logger.LogInformation("Catalog exported by editor #{EditorId}", User.EditorId());
        return File(buffer.ToArray(), "application/zip", name);
    }
}
