namespace AiCompare.Tests.Support;

/// <summary>A class fixture: the site over a content folder of its own, written by the subclass.</summary>
public abstract class ContentSite : IDisposable
{
    private readonly TempDirectory _content = new();

    protected ContentSite(Action<ContentBuilder> write)
    {
        write(new ContentBuilder(_content.Path));
        Factory = SiteFactory.WithContent(_content.Path);
    }

    public SiteFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        _content.Dispose();
        GC.SuppressFinalize(this);
    }
}
