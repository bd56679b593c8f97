using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Json;
using DepHealth.Core.Packages;

namespace DepHealth.Core.Storage;

/// <summary>
/// <see cref="PackageRecord"/> ↔ DynamoDB item. Every record attribute stays a top-level attribute (the GSIs key on
/// them); nulls and empty strings are not written, as the original did. Timestamps are stored in one fixed-width
/// UTC form so that string comparison (conditional writes, GSI sort keys) is chronological.
/// </summary>
public static class PackageItemMapper
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string LatestSortKey = "LATEST";
    public const string CollectedAtAttribute = "collected_at";

    private static readonly IReadOnlySet<string> KeyAttributes = new HashSet<string>(StringComparer.Ordinal) { PartitionKey, SortKey };

    // Taken from the source-generated metadata, so a new timestamp property is picked up without a list to maintain.
    private static readonly Lazy<HashSet<string>> TimestampAttributes = new(() =>
        DepHealthJsonContext.Default.PackageRecord.Properties
            .Where(p => p.PropertyType == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTimeOffset?))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal));

    /// <summary>Fixed width, UTC, 100 ns precision: <c>2026-11-27T12:48:26.1234567Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static Dictionary<string, AttributeValue> KeyOf(PackageKey key) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new AttributeValue { S = key.Pk },
        [SortKey] = new AttributeValue { S = LatestSortKey },
    };

    public static Dictionary<string, AttributeValue> ToItem(PackageRecord record)
    {
        if (string.IsNullOrEmpty(record.Ecosystem) || string.IsNullOrEmpty(record.Name))
            throw new ArgumentException("A stored package record needs its ecosystem and name.", nameof(record));

        using var document = JsonSerializer.SerializeToDocument(record, DepHealthJsonContext.Default.PackageRecord);
        var item = KeyOf(new PackageKey(record.Ecosystem, record.Name));
        var timestamps = TimestampAttributes.Value;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var element = property.Value;
            if (element.ValueKind == JsonValueKind.String)
            {
                if (element.GetString() is "" )
                    continue;
                if (timestamps.Contains(property.Name))
                {
                    item[property.Name] = new AttributeValue { S = FormatTimestamp(element.GetDateTimeOffset()) };
                    continue;
                }
            }
            if (JsonAttributeConverter.ToAttribute(element) is { } value)
                item[property.Name] = value;
        }
        return item;
    }

    public static PackageRecord FromItem(Dictionary<string, AttributeValue> item)
    {
        var json = JsonAttributeConverter.ToJson(item, KeyAttributes);
        return JsonSerializer.Deserialize(json, DepHealthJsonContext.Default.PackageRecord)
            ?? throw new InvalidDataException("A package item deserialised to null.");
    }
}
