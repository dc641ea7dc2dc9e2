using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Listening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "listening_cursors",
                columns: table => new
                {
                    stream = table.Column<string>(type: "text", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listening_cursors", x => x.stream);
                });

            migrationBuilder.CreateTable(
                name: "listening_mentions",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    query_id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    source_uri = table.Column<string>(type: "text", nullable: false),
                    url = table.Column<string>(type: "text", nullable: true),
                    author_id = table.Column<string>(type: "text", nullable: false),
                    author_handle = table.Column<string>(type: "text", nullable: true),
                    author_followers = table.Column<long>(type: "bigint", nullable: true),
                    text = table.Column<string>(type: "text", nullable: false),
                    lang = table.Column<string>(type: "text", nullable: true),
                    sentiment = table.Column<string>(type: "text", nullable: true),
                    engagement = table.Column<int>(type: "integer", nullable: false),
                    published_at = table.Column<long>(type: "bigint", nullable: false),
                    seen_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listening_mentions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "listening_queries",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listening_queries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_listening_mentions_query_id_published_at",
                table: "listening_mentions",
                columns: new[] { "query_id", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_listening_mentions_query_id_source_uri",
                table: "listening_mentions",
                columns: new[] { "query_id", "source_uri" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_listening_mentions_workspace_id_published_at",
                table: "listening_mentions",
                columns: new[] { "workspace_id", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_listening_queries_workspace_id",
                table: "listening_queries",
                column: "workspace_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "listening_cursors");

            migrationBuilder.DropTable(
                name: "listening_mentions");

            migrationBuilder.DropTable(
                name: "listening_queries");
        }
    }
}
