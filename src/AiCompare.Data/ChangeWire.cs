using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiCompare.Data;

/// <summary>
/// How a <see cref="Change"/> travels between web nodes that share a PostgreSQL database: as the payload
/// of a <c>NOTIFY</c> on <see cref="Channel"/>, sent inside the transaction that made the change, so that
/// PostgreSQL delivers it to every listening node exactly when (and only if) the write commits, in commit
/// order. The payload is small JSON naming the node that wrote it. A change too large for one notification
/// (PostgreSQL's limit is 8,000 bytes) is split into several (<see cref="Write"/>).
/// </summary>
public static class ChangeWire
{
    /// <summary>The channel nodes listen on.</summary>
    public const string Channel = "aicompare_changes";

    /// <summary>The largest payload sent as it is (PostgreSQL refuses 8,000 bytes or more).</summary>
    public const int MaxPayloadBytes = 7_500;

    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers = { Polymorphic },
        },
    };

    /// <summary>
    /// The payloads announcing <paramref name="change"/>, written by node <paramref name="node"/>: one, or,
    /// when it is too large for one notification (a batch of votes on many tools, a change to many tools),
    /// several that together name everything it named. Only a change that cannot be split (a list of
    /// categories longer than a notification) travels as <see cref="Change.CatalogReplaced"/>.
    /// </summary>
    public static IReadOnlyList<string> Write(string node, Change change)
    {
        var payloads = new List<string>();
        Add(node, change, payloads);
        return payloads;
    }

    private static void Add(string node, Change change, List<string> payloads)
    {
        var payload = JsonSerializer.Serialize(new Envelope(node, change), Options);
        if (System.Text.Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes)
        {
            payloads.Add(payload);
            return;
        }
        switch (change)
        {
            case Change.Voted { Tools.Count: > 1 } voted:
                var half = voted.Tools.Count / 2;
                Add(node, new Change.Voted([.. voted.Tools.Take(half)]), payloads);
                Add(node, new Change.Voted([.. voted.Tools.Skip(half)]), payloads);
                return;
            case Change.ToolsChanged { Slugs.Count: > 1 } tools:
                // Each part names its tools and every category: evicting a category twice costs nothing.
                var middle = tools.Slugs.Count / 2;
                Add(node, new Change.ToolsChanged([.. tools.Slugs.Take(middle)], tools.CategorySlugs), payloads);
                Add(node, new Change.ToolsChanged([.. tools.Slugs.Skip(middle)], tools.CategorySlugs), payloads);
                return;
            default:
                payloads.Add(JsonSerializer.Serialize(new Envelope(node, new Change.CatalogReplaced()), Options));
                return;
        }
    }

    /// <summary>
    /// The node and change a payload carries, or null when it is not one of ours (another program on the
    /// channel, a newer node's unknown kind of change): the caller then treats it as "anything changed".
    /// </summary>
    public static (string Node, Change Change)? Read(string payload)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(payload, Options);
            return envelope is { Node: { } node, Change: { } change } ? (node, change) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private sealed record Envelope(string Node, Change Change);

    // Change's kinds are nested records; the discriminator is the kind's name.
    private static void Polymorphic(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        if (info.Type != typeof(Change)) return;
        info.PolymorphismOptions = new System.Text.Json.Serialization.Metadata.JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var kind in typeof(Change).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(Change))))
        {
            info.PolymorphismOptions.DerivedTypes.Add(new System.Text.Json.Serialization.Metadata.JsonDerivedType(kind, kind.Name));
        }
    }
}
