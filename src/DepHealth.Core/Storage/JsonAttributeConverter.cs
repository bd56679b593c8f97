using System.Buffers;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace DepHealth.Core.Storage;

/// <summary>
/// Converts a JSON tree to DynamoDB attribute values and back, generically (no reflection: the typed side is the
/// source-generated serializer). Numbers travel as their JSON text, so they round-trip digit for digit.
/// </summary>
internal static class JsonAttributeConverter
{
    /// <summary>JSON value → attribute; null for JSON null (the caller decides whether to drop or keep it).</summary>
    public static AttributeValue? ToAttribute(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new AttributeValue { S = element.GetString()! },
        JsonValueKind.Number => new AttributeValue { N = element.GetRawText() },
        JsonValueKind.True => new AttributeValue { BOOL = true },
        JsonValueKind.False => new AttributeValue { BOOL = false },
        JsonValueKind.Array => new AttributeValue { L = ToList(element) },
        JsonValueKind.Object => new AttributeValue { M = ToMap(element) },
        _ => null,
    };

    private static List<AttributeValue> ToList(JsonElement array)
    {
        var list = new List<AttributeValue>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
            list.Add(ToAttribute(item) ?? new AttributeValue { NULL = true }); // keep positions
        return list;
    }

    private static Dictionary<string, AttributeValue> ToMap(JsonElement obj)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (ToAttribute(property.Value) is { } value)
                map[property.Name] = value;
        }
        return map;
    }

    /// <summary>Writes a map of attributes as one JSON object, skipping the names in <paramref name="skip"/>.</summary>
    public static byte[] ToJson(Dictionary<string, AttributeValue> item, IReadOnlySet<string>? skip = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in item)
            {
                if (skip is not null && skip.Contains(name))
                    continue;
                writer.WritePropertyName(name);
                Write(writer, value);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, AttributeValue value)
    {
        if (value.S is not null)
            writer.WriteStringValue(value.S);
        else if (value.N is not null)
            writer.WriteRawValue(value.N); // validated by the writer: DynamoDB numbers are valid JSON numbers
        else if (value.BOOL is { } b)
            writer.WriteBooleanValue(b);
        else if (value.L is not null)
        {
            writer.WriteStartArray();
            foreach (var item in value.L)
                Write(writer, item);
            writer.WriteEndArray();
        }
        else if (value.M is not null)
        {
            writer.WriteStartObject();
            foreach (var (name, inner) in value.M)
            {
                writer.WritePropertyName(name);
                Write(writer, inner);
            }
            writer.WriteEndObject();
        }
        else if (value.SS is not null)
        {
            writer.WriteStartArray();
            foreach (var s in value.SS)
                writer.WriteStringValue(s);
            writer.WriteEndArray();
        }
        else if (value.NS is not null)
        {
            writer.WriteStartArray();
            foreach (var n in value.NS)
                writer.WriteRawValue(n);
            writer.WriteEndArray();
        }
        else
            writer.WriteNullValue(); // NULL, or a binary type this model never stores
    }
}
