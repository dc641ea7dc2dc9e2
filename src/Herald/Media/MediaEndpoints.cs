using Herald.Data;
using Herald.Teams;
using Microsoft.EntityFrameworkCore;

namespace Herald.Media;

/// <summary>/api/v1/media: upload images and videos (multipart), set their alt text, read them back.</summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/media").RequireAuthorization().WithTags("Media");

        api.MapPost("/", async (HttpRequest request, WorkspaceAccess access, MediaStore store, HeraldDb db, CancellationToken ct) =>
        {
            var ws = await access.RequireAsync(Role.Contributor, null, ct);
            if (!request.HasFormContentType)
            {
                throw new HeraldProblem(415, "Multipart expected", "Upload with multipart/form-data: a 'file' field and an optional 'altText'.");
            }
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)
                ?? throw new HeraldProblem(422, "No file", "The form has no 'file' field.");
            await using var stream = file.OpenReadStream();
            var item = await store.SaveAsync(ws.WorkspaceId, file.FileName, stream, form["altText"].ToString(), ct);
            db.Media.Add(item);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/v1/media/{item.Id}", MediaDto.From(item));
        }).DisableAntiforgery();

        api.MapGet("/{id}", async (string id, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
            MediaDto.From(await FindAsync(id, access, db, Role.Viewer, ct)));

        api.MapGet("/{id}/content", async (string id, WorkspaceAccess access, HeraldDb db, MediaStore store, CancellationToken ct) =>
        {
            var item = await FindAsync(id, access, db, Role.Viewer, ct);
            return Results.File(store.PathOf(item.Id), item.ContentType, enableRangeProcessing: true);
        });

        api.MapPatch("/{id}", async (string id, UpdateMedia body, WorkspaceAccess access, HeraldDb db, CancellationToken ct) =>
        {
            var item = await FindAsync(id, access, db, Role.Contributor, ct);
            item.AltText = string.IsNullOrWhiteSpace(body.AltText) ? null : body.AltText.Trim();
            await db.SaveChangesAsync(ct);
            return MediaDto.From(item);
        });
        return app;
    }

    private static async Task<MediaItem> FindAsync(string id, WorkspaceAccess access, HeraldDb db, Role role, CancellationToken ct)
    {
        var item = await db.Media.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new HeraldProblem(404, "Not found", $"No media {id}.");
        await access.RequireAsync(role, item.WorkspaceId, ct);
        return item;
    }

    public sealed record UpdateMedia(string? AltText);

    public sealed record MediaDto(string Id, string FileName, string ContentType, long Size, string? AltText, int? Width, int? Height, string Sha256)
    {
        public static MediaDto From(MediaItem m) => new(m.Id, m.FileName, m.ContentType, m.Size, m.AltText, m.Width, m.Height, m.Sha256);
    }
}
