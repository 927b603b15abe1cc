using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Caching;

/// <summary>
/// The contract JSON (<see cref="ContractJson"/>) of values that never change once made, written
/// once per instance and kept beside it (weakly: the bytes go when the value goes). An extraction's
/// result is written once for Redis and answered with the same bytes; one read from Redis keeps
/// the bytes it was read from, so it is answered without being written at all.
/// </summary>
internal static class ContractBytes
{
    private static readonly ConditionalWeakTable<object, byte[]> Written = new();

    /// <summary>The contract JSON of <paramref name="value"/>, written now unless it was already.</summary>
    public static byte[] Of<T>(T value) where T : class
    {
        // No closure on the hit path; two first callers racing may both write, harmlessly.
        if (!Written.TryGetValue(value, out var bytes))
        {
            bytes = JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());
            Written.AddOrUpdate(value, bytes);
        }
        return bytes;
    }

    /// <summary>Reads a <typeparamref name="T"/> from its contract JSON and keeps those bytes as its own.</summary>
    public static T Read<T>(byte[] json) where T : class
    {
        var value = JsonSerializer.Deserialize(json, TypeInfo<T>())
                    ?? throw new JsonException($"A cached {typeof(T).Name} was null.");
        Written.AddOrUpdate(value, json);
        return value;
    }

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)ContractJson.Options.GetTypeInfo(typeof(T));
}
