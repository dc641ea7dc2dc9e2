using System.Formats.Cbor;

namespace Herald.Listening.Sources.Bluesky;

/// <summary>A CARv1 archive: a varint-prefixed DAG-CBOR header {version, roots}, then varint-prefixed (CID, block) sections.</summary>
internal static class CarFile
{
    public static Dictionary<CidLink, ReadOnlyMemory<byte>> Blocks(ReadOnlyMemory<byte> car)
    {
        var blocks = new Dictionary<CidLink, ReadOnlyMemory<byte>>();
        var offset = 0;
        var headerLength = (int)Varint(car.Span, ref offset);
        var header = DagCbor.Decode(car.Slice(offset, headerLength)) as Dictionary<string, object?>
            ?? throw new CborContentException("CAR header is not a map");
        if (header.Long("version") != 1)
        {
            throw new CborContentException("only CAR version 1 is supported");
        }
        offset += headerLength;
        while (offset < car.Length)
        {
            var sectionLength = (int)Varint(car.Span, ref offset);
            var section = car.Slice(offset, sectionLength);
            var cidLength = CidLength(section.Span);
            blocks[new CidLink(section[..cidLength].ToArray())] = section[cidLength..];
            offset += sectionLength;
        }
        return blocks;
    }

    /// <summary>The length of the binary CID at the start of a span: CIDv0 (a bare sha2-256 multihash) or CIDv1.</summary>
    public static int CidLength(ReadOnlySpan<byte> span)
    {
        if (span.Length >= 34 && span[0] == 0x12 && span[1] == 0x20)
        {
            return 34;
        }
        var offset = 0;
        if (Varint(span, ref offset) != 1)
        {
            throw new CborContentException("unknown CID version");
        }
        Varint(span, ref offset); // codec (0x71 dag-cbor, 0x55 raw)
        Varint(span, ref offset); // multihash code
        var digest = (int)Varint(span, ref offset);
        return offset + digest;
    }

    public static ulong Varint(ReadOnlySpan<byte> span, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (offset >= span.Length)
            {
                throw new CborContentException("truncated varint");
            }
            var b = span[offset++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new CborContentException("varint too long");
    }
}
