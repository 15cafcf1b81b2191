using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiCompare.Data;

/// <summary>
/// How a <see cref="Change"/> travels between web nodes that share a PostgreSQL database: as the payload
/// of a <c>NOTIFY</c> on <see cref="Channel"/>, sent inside the transaction that made the change, so that
/// PostgreSQL delivers it to every listening node exactly when (and only if) the write commits, in commit
/// order. The payload is small JSON naming the node that wrote it. A change too large for one notification
/// (PostgreSQL's limit is 8,000 bytes) travels as <see cref="Change.CatalogReplaced"/>: every node drops
/// what it holds, which is always correct, only slower.
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

    /// <summary>The payload announcing <paramref name="change"/>, written by node <paramref name="node"/>.</summary>
    public static string Write(string node, Change change)
    {
        var payload = JsonSerializer.Serialize(new Envelope(node, change), Options);
        return System.Text.Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes
            ? payload
            : JsonSerializer.Serialize(new Envelope(node, new Change.CatalogReplaced()), Options);
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
