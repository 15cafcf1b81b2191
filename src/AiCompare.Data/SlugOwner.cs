namespace AiCompare.Data;

/// <summary>A tool as editors name it; as the owner of an address, <see cref="Slug"/> is its current slug.</summary>
public sealed record SlugOwner(long Id, string Slug, string Name);
