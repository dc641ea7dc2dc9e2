using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Herald.Networks.Mastodon;

/// <summary>
/// Uploads one attachment with POST /api/v2/media. A 202 means the instance is still processing it:
/// GET /api/v1/media/:id is polled (206, or a null url, means not yet) until its url is set, within a bound.
/// </summary>
internal sealed class MastodonMediaUpload(HttpClient http, TimeProvider time, MastodonOptions options)
{
    public async Task<NetworkResult<string>> UploadAsync(MastodonCredentials credentials, MediaToPublish media, CancellationToken ct)
    {
        string id;
        try
        {
            await using var stream = await media.OpenAsync(ct);
            using var form = new MultipartFormDataContent();
            var file = new StreamContent(stream);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(media.ContentType);
            form.Add(file, "file", media.FileName);
            if (!string.IsNullOrWhiteSpace(media.AltText))
            {
                form.Add(new StringContent(media.AltText), "description");
            }
            using var request = MastodonHttp.Request(HttpMethod.Post, credentials.BaseUrl, "api/v2/media", credentials.AccessToken);
            request.Content = form;
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return await MastodonHttp.FailureAsync(response, time, ct);
            }
            var attachment = await MastodonHttp.ReadJsonAsync(response, ct);
            id = MastodonHttp.String(attachment, "id") ?? throw new JsonException("The attachment has no id.");
            if (response.StatusCode != HttpStatusCode.Accepted && MastodonHttp.String(attachment, "url") is not null)
            {
                return NetworkResult<string>.Success(id);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // An upload that timed out leaves at worst an unattached file, which the instance cleans up:
            // retrying it never duplicates a post, so it is transient rather than an unknown outcome.
            return MastodonHttp.Failure(ex, mutating: false);
        }
        return await WaitUntilProcessedAsync(credentials, id, ct);
    }

    private async Task<NetworkResult<string>> WaitUntilProcessedAsync(MastodonCredentials credentials, string id, CancellationToken ct)
    {
        for (var attempt = 0; attempt < options.MediaPollAttempts; attempt++)
        {
            await Task.Delay(options.MediaPollInterval, time, ct);
            try
            {
                using var request = MastodonHttp.Request(HttpMethod.Get, credentials.BaseUrl, $"api/v1/media/{Uri.EscapeDataString(id)}", credentials.AccessToken);
                using var response = await http.SendAsync(request, ct);
                if (response.StatusCode == HttpStatusCode.PartialContent)
                {
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    return await MastodonHttp.FailureAsync(response, time, ct);
                }
                var attachment = await MastodonHttp.ReadJsonAsync(response, ct);
                if (MastodonHttp.String(attachment, "url") is not null)
                {
                    return NetworkResult<string>.Success(id);
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                return MastodonHttp.Failure(ex, mutating: false);
            }
        }
        return new NetworkFailure(FailureKind.Transient, $"The instance was still processing media {id} after {options.MediaPollAttempts} checks.");
    }
}
