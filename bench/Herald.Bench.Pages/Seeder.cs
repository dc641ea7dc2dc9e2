using Herald.Data;
using Herald.Scheduling;
using Herald.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Bench.Pages;

/// <summary>A workspace as a busy agency has it: three accounts, thousands of posts in one month, recent publications and failures.</summary>
public static class Seeder
{
    public const string Email = "bench@example.test";
    public const string Password = "correct horse battery staple";

    /// <summary>Seeds and returns the first day of the seeded month (next month, so every post is in the future).</summary>
    public static async Task<DateOnly> SeedAsync(IServiceProvider services, int posts)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<HeraldDb>();
        var time = sp.GetRequiredService<TimeProvider>();
        var clock = sp.GetRequiredService<WallClock>();
        var user = await sp.GetRequiredService<TeamService>().AddUserAsync(Email, Password, admin: true, default);
        var workspaceId = db.Memberships.First(m => m.UserId == user.Id).WorkspaceId;
        var now = time.GetUtcNow();
        var accounts = new[] { ("sandbox", "Herald Coffee"), ("bluesky", "Herald on Bluesky"), ("mastodon", "Herald on Mastodon") }
            .Select(a => new Account { WorkspaceId = workspaceId, Network = a.Item1, Name = a.Item2, Handle = a.Item2.ToLowerInvariant().Replace(' ', '.'), Status = AccountStatus.Active, CreatedAt = now, LastSuccessAt = now })
            .ToList();
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync();

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var days = month.AddMonths(1).DayNumber - month.DayNumber;
        var random = new Random(42);
        for (var i = 0; i < posts; i++)
        {
            var local = month.AddDays(i % days).ToDateTime(new TimeOnly(7 + random.Next(14), random.Next(4) * 15));
            var at = clock.Resolve(local, "UTC").Instant;
            var account = accounts[i % accounts.Count];
            AddPost(db, workspaceId, user.Id, account, $"Post {i}: fresh news from the roastery, #coffee https://example.com/{i}", at, DeliveryStatus.Scheduled, now);
        }
        for (var i = 0; i < 40; i++)
        {
            AddPost(db, workspaceId, user.Id, accounts[i % accounts.Count], $"Published {i}", now.AddHours(-i * 3), DeliveryStatus.Published, now);
        }
        for (var i = 0; i < 6; i++)
        {
            AddPost(db, workspaceId, user.Id, accounts[i % accounts.Count], $"Failed {i}", now.AddHours(-i), DeliveryStatus.Failed, now);
        }
        await db.SaveChangesAsync();
        return month;
    }

    private static void AddPost(HeraldDb db, string workspaceId, string userId, Account account, string text, DateTimeOffset at, DeliveryStatus status, DateTimeOffset now)
    {
        var post = new Post { WorkspaceId = workspaceId, AuthorId = userId, Text = text, Kind = ScheduleKind.At, ScheduledAt = at, ScheduledLocal = WallClock.Format(at.UtcDateTime), TimeZone = "UTC", CreatedAt = now, UpdatedAt = now };
        post.Deliveries.Add(new Delivery
        {
            PostId = post.Id,
            AccountId = account.Id,
            WorkspaceId = workspaceId,
            Network = account.Network,
            Status = status,
            DueAt = at,
            PublishedAt = status == DeliveryStatus.Published ? at : null,
            Url = status == DeliveryStatus.Published ? $"https://example.com/p/{post.Id}" : null,
            Error = status == DeliveryStatus.Failed ? "The network refused the post." : null,
            CreatedAt = now,
            UpdatedAt = now,
        });
        db.Posts.Add(post);
    }
}
