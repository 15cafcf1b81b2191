using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AiCompare.Tests.Support;

/// <summary>Submits real forms from real pages, so antiforgery tokens and hidden fields travel as in a browser.</summary>
public static class Forms
{
    /// <summary>GETs <paramref name="pageUrl"/>, fills the form matching <paramref name="formSelector"/> and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client,
        string pageUrl,
        string formSelector,
        IReadOnlyDictionary<string, string?>? values = null,
        string? buttonSelector = null)
    {
        var doc = await client.GetDocumentAsync(pageUrl);
        return await client.SubmitAsync(doc, pageUrl, formSelector, values, buttonSelector);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client,
        IDocument doc,
        string pageUrl,
        string formSelector,
        IReadOnlyDictionary<string, string?>? values = null,
        string? buttonSelector = null)
    {
        var form = doc.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new Xunit.Sdk.XunitException($"No form '{formSelector}' on {pageUrl}");
        var fields = Fields(form);
        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null) fields.Add(new(name, value));
        }
        var action = form.GetAttribute("action");
        if (buttonSelector is not null)
        {
            var button = form.One(buttonSelector);
            action = button.GetAttribute("formaction") ?? action;
            if (button.GetAttribute("name") is { } buttonName) fields.Add(new(buttonName, button.GetAttribute("value") ?? ""));
        }
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>What a browser would send for the form as it stands.</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } input:
                    if (input.IsChecked) fields.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement { Type: "submit" or "button" or "reset" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
            }
        }
        return fields;
    }
}
