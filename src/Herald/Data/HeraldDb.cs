using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herald.Data;

/// <summary>Herald's one DbContext. Provider-specific subclasses exist only so each provider keeps its own migrations.</summary>
public abstract class HeraldDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<QueueSlot> QueueSlots => Set<QueueSlot>();
    public DbSet<MediaItem> Media => Set<MediaItem>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<SandboxPost> SandboxPosts => Set<SandboxPost>();
    public DbSet<SandboxEvent> SandboxEvents => Set<SandboxEvent>();

    public abstract DatabaseKind Kind { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as Unix milliseconds: ordered, indexable and identical in raw SQL on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Email).IsUnique();
        });
        modelBuilder.Entity<Workspace>().HasKey(x => x.Id);
        modelBuilder.Entity<Membership>(e =>
        {
            e.HasKey(x => new { x.WorkspaceId, x.UserId });
            e.HasIndex(x => x.UserId);
        });
        modelBuilder.Entity<ApiToken>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
        modelBuilder.Entity<Account>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.WorkspaceId);
        });
        modelBuilder.Entity<QueueSlot>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.AccountId);
        });
        modelBuilder.Entity<MediaItem>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.WorkspaceId);
        });
        modelBuilder.Entity<Post>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.WorkspaceId, x.ScheduledAt });
            e.HasMany(x => x.Deliveries).WithOne(x => x.Post).HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Delivery>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Status, x.DueAt });
            // The dispatcher's claim and its "when is the next one due": an ordered scan of claimable rows only.
            e.HasIndex(x => x.DueAt).HasDatabaseName("ix_deliveries_claimable").HasFilter("status IN ('Scheduled','Retrying','Unknown')");
            e.HasIndex(x => x.AccountId);
            e.HasIndex(x => x.PostId);
        });
        modelBuilder.Entity<DeliveryAttempt>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.DeliveryId);
        });
        modelBuilder.Entity<SandboxPost>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.AccountId, x.IdempotencyKey }).IsUnique();
        });
        modelBuilder.Entity<SandboxEvent>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.AccountId, x.OccursAt });
        });

        // Each capability (Inbox/, Analytics/, Listening/, Curation/, …) configures its own tables in an
        // IEntityTypeConfiguration<T> beside its code; they are picked up here.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HeraldDb).Assembly);

        // snake_case names everywhere, so hand-written SQL on the hot path reads the same on both providers.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }
            foreach (var fk in entity.GetForeignKeys())
            {
                fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
            }
            foreach (var index in entity.GetIndexes())
            {
                var name = index.GetDatabaseName()!;
                index.SetDatabaseName(name.StartsWith("ix_", StringComparison.Ordinal) ? name : SnakeCase(name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}

/// <summary>Which database Herald runs on.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>DateTimeOffset as Unix milliseconds (UTC).</summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));

/// <summary>The SQLite flavour (its own migrations).</summary>
public sealed class SqliteHeraldDb(DbContextOptions<SqliteHeraldDb> options) : HeraldDb(options)
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

/// <summary>The PostgreSQL flavour (its own migrations).</summary>
public sealed class PostgresHeraldDb(DbContextOptions<PostgresHeraldDb> options) : HeraldDb(options)
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}
