using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Competitors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "competitors",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    network = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    handle = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: true),
                    remote_id = table.Column<string>(type: "text", nullable: true),
                    instance_url = table.Column<string>(type: "text", nullable: true),
                    profile_url = table.Column<string>(type: "text", nullable: true),
                    added_at = table.Column<long>(type: "bigint", nullable: false),
                    added_by = table.Column<string>(type: "text", nullable: false),
                    last_collected_at = table.Column<long>(type: "bigint", nullable: true),
                    next_due_at = table.Column<long>(type: "bigint", nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competitors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "competitor_daily",
                columns: table => new
                {
                    competitor_id = table.Column<string>(type: "text", nullable: false),
                    day = table.Column<int>(type: "integer", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    followers = table.Column<long>(type: "bigint", nullable: false),
                    following = table.Column<long>(type: "bigint", nullable: true),
                    posts_total = table.Column<long>(type: "bigint", nullable: true),
                    read_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competitor_daily", x => new { x.competitor_id, x.day });
                    table.ForeignKey(
                        name: "fk_competitor_daily_competitors_competitor_id",
                        column: x => x.competitor_id,
                        principalTable: "competitors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "competitor_posts",
                columns: table => new
                {
                    competitor_id = table.Column<string>(type: "text", nullable: false),
                    remote_id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    url = table.Column<string>(type: "text", nullable: true),
                    text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    published_at = table.Column<long>(type: "bigint", nullable: false),
                    day = table.Column<int>(type: "integer", nullable: false),
                    likes = table.Column<int>(type: "integer", nullable: false),
                    reposts = table.Column<int>(type: "integer", nullable: false),
                    replies = table.Column<int>(type: "integer", nullable: false),
                    quotes = table.Column<int>(type: "integer", nullable: false),
                    followers_at_publish = table.Column<long>(type: "bigint", nullable: false),
                    first_seen_at = table.Column<long>(type: "bigint", nullable: false),
                    last_read_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competitor_posts", x => new { x.competitor_id, x.remote_id });
                    table.ForeignKey(
                        name: "fk_competitor_posts_competitors_competitor_id",
                        column: x => x.competitor_id,
                        principalTable: "competitors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_competitor_posts_workspace_id_day",
                table: "competitor_posts",
                columns: new[] { "workspace_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_competitors_next_due_at",
                table: "competitors",
                column: "next_due_at");

            migrationBuilder.CreateIndex(
                name: "ix_competitors_workspace_id_network_handle",
                table: "competitors",
                columns: new[] { "workspace_id", "network", "handle" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "competitor_daily");

            migrationBuilder.DropTable(
                name: "competitor_posts");

            migrationBuilder.DropTable(
                name: "competitors");
        }
    }
}
