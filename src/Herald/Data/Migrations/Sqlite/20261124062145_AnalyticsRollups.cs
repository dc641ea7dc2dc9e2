using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnalyticsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "post_mix_daily",
                columns: table => new
                {
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    network = table.Column<string>(type: "TEXT", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", nullable: false),
                    local_hour = table.Column<int>(type: "INTEGER", nullable: false),
                    local_weekday = table.Column<int>(type: "INTEGER", nullable: false),
                    posts = table.Column<int>(type: "INTEGER", nullable: false),
                    engagements = table.Column<long>(type: "INTEGER", nullable: false),
                    likes = table.Column<long>(type: "INTEGER", nullable: false),
                    reposts = table.Column<long>(type: "INTEGER", nullable: false),
                    replies = table.Column<long>(type: "INTEGER", nullable: false),
                    quotes = table.Column<long>(type: "INTEGER", nullable: false),
                    impressions = table.Column<long>(type: "INTEGER", nullable: false),
                    engagements_with_impressions = table.Column<long>(type: "INTEGER", nullable: false),
                    reach = table.Column<long>(type: "INTEGER", nullable: false),
                    clicks = table.Column<long>(type: "INTEGER", nullable: false),
                    follower_base = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_mix_daily", x => new { x.workspace_id, x.day, x.network, x.content_type, x.local_hour, x.local_weekday });
                });

            migrationBuilder.CreateTable(
                name: "workspace_daily",
                columns: table => new
                {
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    network = table.Column<string>(type: "TEXT", nullable: false),
                    posts = table.Column<int>(type: "INTEGER", nullable: false),
                    engagements = table.Column<long>(type: "INTEGER", nullable: false),
                    likes = table.Column<long>(type: "INTEGER", nullable: false),
                    reposts = table.Column<long>(type: "INTEGER", nullable: false),
                    replies = table.Column<long>(type: "INTEGER", nullable: false),
                    quotes = table.Column<long>(type: "INTEGER", nullable: false),
                    impressions = table.Column<long>(type: "INTEGER", nullable: false),
                    engagements_with_impressions = table.Column<long>(type: "INTEGER", nullable: false),
                    reach = table.Column<long>(type: "INTEGER", nullable: false),
                    clicks = table.Column<long>(type: "INTEGER", nullable: false),
                    follower_base = table.Column<long>(type: "INTEGER", nullable: false),
                    followers = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workspace_daily", x => new { x.workspace_id, x.day, x.network });
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_daily_workspace_id_account_id",
                table: "account_daily",
                columns: new[] { "workspace_id", "account_id" });

            // Backfill from the rollups and per-post rows already there, so existing data shows at once (the same sums the
            // collector keeps up to date from now on; Rollups.cs).
            migrationBuilder.Sql("""
                INSERT INTO workspace_daily (workspace_id, day, network, posts, engagements, likes, reposts, replies, quotes,
                    impressions, engagements_with_impressions, reach, clicks, follower_base, followers)
                SELECT workspace_id, day, network, SUM(posts), SUM(engagements), SUM(likes), SUM(reposts), SUM(replies), SUM(quotes),
                    SUM(impressions), SUM(engagements_with_impressions), SUM(reach), SUM(clicks), SUM(follower_base), SUM(followers)
                FROM account_daily GROUP BY workspace_id, day, network;
                INSERT INTO post_mix_daily (workspace_id, day, network, content_type, local_hour, local_weekday, posts, engagements,
                    likes, reposts, replies, quotes, impressions, engagements_with_impressions, reach, clicks, follower_base)
                SELECT workspace_id, day, network, content_type, local_hour, local_weekday, COUNT(*), SUM(likes + reposts + replies + quotes),
                    SUM(likes), SUM(reposts), SUM(replies), SUM(quotes), COALESCE(SUM(impressions), 0),
                    COALESCE(SUM(CASE WHEN impressions IS NOT NULL THEN likes + reposts + replies + quotes END), 0),
                    COALESCE(SUM(reach), 0), COALESCE(SUM(clicks), 0), SUM(followers_at_publish)
                FROM post_metrics GROUP BY workspace_id, day, network, content_type, local_hour, local_weekday;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "post_mix_daily");

            migrationBuilder.DropTable(
                name: "workspace_daily");

            migrationBuilder.DropIndex(
                name: "ix_account_daily_workspace_id_account_id",
                table: "account_daily");
        }
    }
}
