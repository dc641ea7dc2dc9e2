using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_daily",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
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
                    table.PrimaryKey("pk_account_daily", x => new { x.account_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "annotations",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: true),
                    author_id = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_annotations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaign_posts",
                columns: table => new
                {
                    post_id = table.Column<string>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_posts", x => x.post_id);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    starts_on = table.Column<int>(type: "INTEGER", nullable: false),
                    ends_on = table.Column<int>(type: "INTEGER", nullable: false),
                    goal_clicks = table.Column<long>(type: "INTEGER", nullable: true),
                    goal_engagements = table.Column<long>(type: "INTEGER", nullable: true),
                    goal_impressions = table.Column<long>(type: "INTEGER", nullable: true),
                    goal_engagement_rate = table.Column<double>(type: "REAL", nullable: true),
                    goal_posts = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "metric_snapshots",
                columns: table => new
                {
                    delivery_id = table.Column<string>(type: "TEXT", nullable: false),
                    taken_at = table.Column<long>(type: "INTEGER", nullable: false),
                    likes = table.Column<int>(type: "INTEGER", nullable: false),
                    reposts = table.Column<int>(type: "INTEGER", nullable: false),
                    replies = table.Column<int>(type: "INTEGER", nullable: false),
                    quotes = table.Column<int>(type: "INTEGER", nullable: false),
                    impressions = table.Column<long>(type: "INTEGER", nullable: true),
                    reach = table.Column<long>(type: "INTEGER", nullable: true),
                    clicks = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_snapshots", x => new { x.delivery_id, x.taken_at });
                });

            migrationBuilder.CreateTable(
                name: "post_metrics",
                columns: table => new
                {
                    delivery_id = table.Column<string>(type: "TEXT", nullable: false),
                    post_id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    network = table.Column<string>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<string>(type: "TEXT", nullable: true),
                    content_type = table.Column<string>(type: "TEXT", nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    local_hour = table.Column<int>(type: "INTEGER", nullable: false),
                    local_weekday = table.Column<int>(type: "INTEGER", nullable: false),
                    followers_at_publish = table.Column<long>(type: "INTEGER", nullable: false),
                    likes = table.Column<int>(type: "INTEGER", nullable: false),
                    reposts = table.Column<int>(type: "INTEGER", nullable: false),
                    replies = table.Column<int>(type: "INTEGER", nullable: false),
                    quotes = table.Column<int>(type: "INTEGER", nullable: false),
                    impressions = table.Column<long>(type: "INTEGER", nullable: true),
                    reach = table.Column<long>(type: "INTEGER", nullable: true),
                    clicks = table.Column<long>(type: "INTEGER", nullable: true),
                    snapshot_count = table.Column<int>(type: "INTEGER", nullable: false),
                    last_snapshot_at = table.Column<long>(type: "INTEGER", nullable: true),
                    next_due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    lease_owner = table.Column<string>(type: "TEXT", nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_metrics", x => x.delivery_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_daily_workspace_id_day",
                table: "account_daily",
                columns: new[] { "workspace_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_annotations_workspace_id_day",
                table: "annotations",
                columns: new[] { "workspace_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_posts_campaign_id",
                table: "campaign_posts",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_workspace_id",
                table: "campaigns",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_post_metrics_account_id_day",
                table: "post_metrics",
                columns: new[] { "account_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_post_metrics_campaign_id",
                table: "post_metrics",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_post_metrics_due",
                table: "post_metrics",
                column: "next_due_at",
                filter: "next_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_post_metrics_post_id",
                table: "post_metrics",
                column: "post_id");

            migrationBuilder.CreateIndex(
                name: "ix_post_metrics_workspace_id_day",
                table: "post_metrics",
                columns: new[] { "workspace_id", "day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_daily");

            migrationBuilder.DropTable(
                name: "annotations");

            migrationBuilder.DropTable(
                name: "campaign_posts");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "metric_snapshots");

            migrationBuilder.DropTable(
                name: "post_metrics");
        }
    }
}
