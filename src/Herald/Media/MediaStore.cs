using System.Security.Cryptography;
using Dapper;
using Herald.Data;
using Herald.Hosting;
using Herald.Networks;

namespace Herald.Media;

/// <summary>Media files live in the data folder under their id; their metadata in the database.</summary>
public sealed class MediaStore(HeraldOptions options, IDbConnectionFactory connections, TimeProvider time)
{
    public const long MaxUploadBytes = 200_000_000;

    public string PathOf(string mediaId) => System.IO.Path.Combine(options.MediaDirectory, mediaId);

    /// <summary>Stores an upload; the content type is read from the bytes, not trusted from the client.</summary>
    public async Task<MediaItem> SaveAsync(string workspaceId, string fileName, Stream content, string? altText, CancellationToken ct)
    {
        Directory.CreateDirectory(options.MediaDirectory);
        var item = new MediaItem { WorkspaceId = workspaceId, FileName = SafeName(fileName), ContentType = "", Sha256 = "", AltText = string.IsNullOrWhiteSpace(altText) ? null : altText.Trim(), CreatedAt = time.GetUtcNow() };
        var path = PathOf(item.Id);
        await using (var file = File.Create(path))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                item.Size += read;
                if (item.Size > MaxUploadBytes)
                {
                    file.Close();
                    File.Delete(path);
                    throw new HeraldProblem(413, "File too large", $"Uploads are limited to {MaxUploadBytes / 1_000_000} MB.");
                }
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            item.Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        var header = new byte[64];
        int headerLength;
        await using (var file = File.OpenRead(path))
        {
            headerLength = await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        }
        var sniffed = MediaSniffer.Sniff(header.AsSpan(0, headerLength));
        if (sniffed is null)
        {
            File.Delete(path);
            throw new HeraldProblem(415, "Unsupported media", $"{item.FileName} is not an image (JPEG, PNG, GIF, WebP) or a video (MP4, MOV, WebM) Herald can publish.");
        }
        item.ContentType = sniffed.Value.ContentType;
        item.Width = sniffed.Value.Width;
        item.Height = sniffed.Value.Height;
        return item;
    }

    public async Task<IReadOnlyList<MediaToPublish>> LoadAsync(IReadOnlyCollection<string> mediaIds, CancellationToken ct)
    {
        if (mediaIds.Count == 0)
        {
            return [];
        }
        await using var connection = await connections.OpenAsync(ct);
        var rows = (await connection.QueryAsync<MediaRow>(new CommandDefinition(
            "SELECT id AS Id, file_name AS FileName, content_type AS ContentType, size AS Size, alt_text AS AltText, width AS Width, height AS Height FROM media WHERE id " + Scheduling.DeliveryStore.InList(connections.Kind),
            new { ids = mediaIds.ToArray() }, cancellationToken: ct))).ToDictionary(r => r.Id);
        return mediaIds.Where(rows.ContainsKey).Select(id =>
        {
            var r = rows[id];
            return new MediaToPublish(r.Id, r.FileName, r.ContentType, r.Size, r.AltText, r.Width, r.Height,
                _ => Task.FromResult<Stream>(File.OpenRead(PathOf(r.Id))));
        }).ToList();
    }

    private static string SafeName(string fileName)
    {
        var name = System.IO.Path.GetFileName(fileName.Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(name) ? "upload" : name.Length > 200 ? name[..200] : name;
    }

    private sealed class MediaRow
    {
        public string Id { get; set; } = "";
        public string FileName { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long Size { get; set; }
        public string? AltText { get; set; }
        public int? Width { get; set; }
        public int? Height { get; set; }
    }
}
