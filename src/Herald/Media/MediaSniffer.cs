using System.Buffers.Binary;

namespace Herald.Media;

/// <summary>Recognises media from their first bytes, and reads image dimensions where the header holds them.</summary>
public static class MediaSniffer
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public readonly record struct Sniffed(string ContentType, int? Width, int? Height);

    public static Sniffed? Sniff(ReadOnlySpan<byte> h)
    {
        if (h.Length >= 24 && h[..8].SequenceEqual(PngSignature))
        {
            return new("image/png", BinaryPrimitives.ReadInt32BigEndian(h[16..]), BinaryPrimitives.ReadInt32BigEndian(h[20..]));
        }
        if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
        {
            return new("image/jpeg", null, null);
        }
        if (h.Length >= 10 && (h[..6].SequenceEqual("GIF87a"u8) || h[..6].SequenceEqual("GIF89a"u8)))
        {
            return new("image/gif", BinaryPrimitives.ReadUInt16LittleEndian(h[6..]), BinaryPrimitives.ReadUInt16LittleEndian(h[8..]));
        }
        if (h.Length >= 12 && h[..4].SequenceEqual("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8))
        {
            return new("image/webp", null, null);
        }
        if (h.Length >= 12 && h[4..8].SequenceEqual("ftyp"u8))
        {
            return h[8..12].SequenceEqual("qt  "u8) ? new("video/quicktime", null, null) : new("video/mp4", null, null);
        }
        if (h.Length >= 4 && h[0] == 0x1A && h[1] == 0x45 && h[2] == 0xDF && h[3] == 0xA3)
        {
            return new("video/webm", null, null);
        }
        return null;
    }
}
