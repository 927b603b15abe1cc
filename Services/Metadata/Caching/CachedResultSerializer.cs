using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;

namespace VideoPlatform.Metadata.Caching;

/// <summary>
/// How a <see cref="CachedResult{T}"/> is kept in Redis: <c>{"value": …, "error_code": …,
/// "error_detail": …, "cached_at": …}</c>, the value in its contract JSON — the very bytes a
/// request for it is answered with (<see cref="ContractBytes"/>), so an extraction is serialised
/// once, not once for Redis and once for the answer, and a value another replica extracted is
/// answered with the bytes read. Without this HybridCache would write the entry by reflection in
/// .NET's default JSON conventions.
/// </summary>
internal sealed class CachedResultSerializerFactory : IHybridCacheSerializerFactory
{
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        serializer = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(CachedResult<>)
                     && typeof(T).GetGenericArguments()[0] is { IsClass: true } valueType
            ? (IHybridCacheSerializer<T>)Activator.CreateInstance(typeof(CachedResultSerializer<>).MakeGenericType(valueType))!
            : null;
        return serializer is not null;
    }
}

internal sealed class CachedResultSerializer<T> : IHybridCacheSerializer<CachedResult<T>>
    where T : class
{
    public void Serialize(CachedResult<T> value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        writer.WriteStartObject();
        if (value.Value is { } contract)
        {
            writer.WritePropertyName("value"u8);
            writer.WriteRawValue(ContractBytes.Of(contract), skipInputValidation: true);
        }
        if (value.ErrorCode is { } code)
        {
            writer.WriteString("error_code"u8, code);
        }
        if (value.ErrorDetail is { } detail)
        {
            writer.WriteString("error_detail"u8, detail);
        }
        writer.WriteString("cached_at"u8, value.CachedAt);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The entry, or <see cref="CachedResult{T}.Unreadable"/> when it is not one this serializer
    /// wrote (an older format, say): HybridCache would fail the request with the exception, the
    /// cache forgets the entry and extracts again instead.
    /// </summary>
    public CachedResult<T> Deserialize(ReadOnlySequence<byte> source)
    {
        try
        {
            return Read(source);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Not JSON, or a property of another type than this format's.
            return CachedResult<T>.Unreadable;
        }
    }

    private static CachedResult<T> Read(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A cached result is a JSON object.");
        }
        T? value = null;
        string? code = null, detail = null;
        DateTimeOffset? cachedAt = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader;
            reader.Read();
            if (name.ValueTextEquals("value"u8))
            {
                var start = reader.TokenStartIndex;
                reader.Skip();
                value = ContractBytes.Read<T>(source.Slice(start, reader.BytesConsumed - start).ToArray());
            }
            else if (name.ValueTextEquals("error_code"u8))
            {
                code = reader.GetString();
            }
            else if (name.ValueTextEquals("error_detail"u8))
            {
                detail = reader.GetString();
            }
            else if (name.ValueTextEquals("cached_at"u8))
            {
                cachedAt = reader.GetDateTimeOffset();
            }
            else
            {
                reader.Skip();
            }
        }
        if (cachedAt is null || (value is null && code is null))
        {
            throw new JsonException("A cached result names when it was cached and holds a value or an error.");
        }
        return new CachedResult<T>(value, code, detail, cachedAt.Value);
    }
}
