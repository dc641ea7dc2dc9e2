using Dapper;
using Herald.Data;

namespace Herald.Links;

/// <summary>A recorded conversion and what it is attributed to.</summary>
public sealed record ConversionDto(string Id, string ClickId, string LinkId, string? PostId, string? DeliveryId, string? AccountId, string? Campaign, string Goal, double? Value, bool Duplicate);

/// <summary>Records a conversion against the click that led to it, hence its link, post, delivery, account and campaign.</summary>
public sealed class Conversions(IDbConnectionFactory connections, ClickRecorder recorder, TimeProvider time)
{
    private sealed record ClickLink(string LinkId, string? PostId, string? DeliveryId, string? AccountId, string? Campaign);

    public async Task<ConversionDto?> RecordAsync(string clickId, string? goal, double? value, CancellationToken ct)
    {
        goal = string.IsNullOrWhiteSpace(goal) ? "conversion" : goal.Trim()[..Math.Min(goal.Trim().Length, 64)];
        if (clickId.Length > 64)
        {
            return null;
        }
        var link = await FindAsync(clickId, ct);
        if (link is null)
        {
            // The click may still be in the recorder's buffer (a conversion right after the redirect).
            await recorder.FlushAsync(ct);
            link = await FindAsync(clickId, ct);
            if (link is null)
            {
                return null;
            }
        }
        var now = time.GetUtcNow();
        var id = Ids.New();
        await using var c = await connections.OpenAsync(ct);
        var inserted = await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO link_conversion (id, click_id, link_id, goal, value, at, day) VALUES (@id, @clickId, @linkId, @goal, @value, @at, @day) ON CONFLICT (click_id, goal) DO NOTHING",
            new { id, clickId, linkId = link.LinkId, goal, value, at = now.ToUnixTimeMilliseconds(), day = ClickStore.DayOf(now) }, cancellationToken: ct));
        if (inserted == 0)
        {
            id = await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT id FROM link_conversion WHERE click_id = @clickId AND goal = @goal", new { clickId, goal }, cancellationToken: ct)) ?? id;
        }
        return new ConversionDto(id, clickId, link.LinkId, link.PostId, link.DeliveryId, link.AccountId, link.Campaign, goal, value, inserted == 0);
    }

    private async Task<ClickLink?> FindAsync(string clickId, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        return await c.QueryFirstOrDefaultAsync<ClickLink>(new CommandDefinition(
            """
            SELECT l.id AS LinkId, l.post_id AS PostId, l.delivery_id AS DeliveryId, l.account_id AS AccountId, l.campaign AS Campaign
            FROM link_click k JOIN tracked_link l ON l.id = k.link_id WHERE k.id = @clickId
            """, new { clickId }, cancellationToken: ct));
    }
}
