using System.Formats.Cbor;

namespace Herald.Listening.Sources.Bluesky;

/// <summary>A CID link (DAG-CBOR tag 42): the binary CID, without the leading multibase 0x00.</summary>
internal sealed record CidLink(byte[] Bytes)
{
    public bool Equals(CidLink? other) => other is not null && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }
}

/// <summary>Decodes DAG-CBOR into plain values: maps (string keys), lists, strings, integers, bytes, bools, null, <see cref="CidLink"/>.</summary>
internal static class DagCbor
{
    public static object? Read(CborReader reader, int depth = 0)
    {
        if (depth > 64)
        {
            throw new CborContentException("nested too deeply");
        }
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                var count = reader.ReadStartMap();
                var map = new Dictionary<string, object?>(count ?? 4, StringComparer.Ordinal);
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = reader.ReadTextString();
                    map[key] = Read(reader, depth + 1);
                }
                reader.ReadEndMap();
                return map;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                var list = new List<object?>();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    list.Add(Read(reader, depth + 1));
                }
                reader.ReadEndArray();
                return list;
            case CborReaderState.Tag:
                var tag = reader.ReadTag();
                if (tag != (CborTag)42)
                {
                    throw new CborContentException($"unexpected CBOR tag {(ulong)tag} (DAG-CBOR only has 42)");
                }
                var raw = reader.ReadByteString();
                return new CidLink(raw.Length > 0 && raw[0] == 0 ? raw[1..] : raw);
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.ByteString:
                return reader.ReadByteString();
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                return reader.ReadInt64();
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            case CborReaderState.DoublePrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.HalfPrecisionFloat:
                return reader.ReadDouble();
            default:
                throw new CborContentException($"unexpected CBOR item {reader.PeekState()}");
        }
    }

    public static object? Decode(ReadOnlyMemory<byte> bytes) => Read(new CborReader(bytes, CborConformanceMode.Lax));

    public static string? Str(this IReadOnlyDictionary<string, object?> map, string key) => map.TryGetValue(key, out var v) ? v as string : null;

    public static long? Long(this IReadOnlyDictionary<string, object?> map, string key) => map.TryGetValue(key, out var v) && v is long l ? l : null;
}
