using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Curation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feed_entry",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    subscription_id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "text", nullable: true),
                    link = table.Column<string>(type: "text", nullable: true),
                    summary = table.Column<string>(type: "text", nullable: true),
                    content = table.Column<string>(type: "text", nullable: true),
                    author = table.Column<string>(type: "text", nullable: true),
                    published_at = table.Column<long>(type: "bigint", nullable: true),
                    fetched_at = table.Column<long>(type: "bigint", nullable: false),
                    read_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_entry", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "feed_subscription",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    title = table.Column<string>(type: "text", nullable: true),
                    site_url = table.Column<string>(type: "text", nullable: true),
                    folder = table.Column<string>(type: "text", nullable: true),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    e_tag = table.Column<string>(type: "text", nullable: true),
                    last_modified = table.Column<string>(type: "text", nullable: true),
                    last_fetched_at = table.Column<long>(type: "bigint", nullable: true),
                    last_success_at = table.Column<long>(type: "bigint", nullable: true),
                    next_fetch_at = table.Column<long>(type: "bigint", nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_subscription", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "saved_article",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    title = table.Column<string>(type: "text", nullable: true),
                    site = table.Column<string>(type: "text", nullable: true),
                    excerpt = table.Column<string>(type: "text", nullable: true),
                    text = table.Column<string>(type: "text", nullable: true),
                    feed_entry_id = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    saved_by = table.Column<string>(type: "text", nullable: false),
                    saved_at = table.Column<long>(type: "bigint", nullable: false),
                    read_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_article", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_feed_entry_subscription_id_key",
                table: "feed_entry",
                columns: new[] { "subscription_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_feed_entry_workspace_id_published_at",
                table: "feed_entry",
                columns: new[] { "workspace_id", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_feed_subscription_next_fetch_at",
                table: "feed_subscription",
                column: "next_fetch_at");

            migrationBuilder.CreateIndex(
                name: "ix_feed_subscription_workspace_id_url",
                table: "feed_subscription",
                columns: new[] { "workspace_id", "url" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_saved_article_workspace_id_saved_at",
                table: "saved_article",
                columns: new[] { "workspace_id", "saved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_saved_article_workspace_id_url",
                table: "saved_article",
                columns: new[] { "workspace_id", "url" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feed_entry");

            migrationBuilder.DropTable(
                name: "feed_subscription");

            migrationBuilder.DropTable(
                name: "saved_article");
        }
    }
}
