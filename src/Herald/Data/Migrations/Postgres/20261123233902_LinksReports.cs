using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LinksReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "link_click",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    link_id = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<long>(type: "bigint", nullable: false),
                    day = table.Column<int>(type: "integer", nullable: false),
                    visitor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    filtered = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_click", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "link_conversion",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    click_id = table.Column<string>(type: "text", nullable: false),
                    link_id = table.Column<string>(type: "text", nullable: false),
                    goal = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: true),
                    at = table.Column<long>(type: "bigint", nullable: false),
                    day = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_conversion", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "link_salt",
                columns: table => new
                {
                    day = table.Column<int>(type: "integer", nullable: false),
                    salt = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_salt", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "link_settings",
                columns: table => new
                {
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    shorten_links = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_settings", x => x.workspace_id);
                });

            migrationBuilder.CreateTable(
                name: "report",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    from_day = table.Column<string>(type: "text", nullable: false),
                    to_day = table.Column<string>(type: "text", nullable: false),
                    account_ids_json = table.Column<string>(type: "text", nullable: false),
                    sections_json = table.Column<string>(type: "text", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true),
                    frequency = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    recipients_json = table.Column<string>(type: "text", nullable: false),
                    next_run_at = table.Column<long>(type: "bigint", nullable: true),
                    last_sent_at = table.Column<long>(type: "bigint", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "report_share",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    report_id = table.Column<string>(type: "text", nullable: false),
                    token_hash = table.Column<string>(type: "text", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false),
                    revoked_at = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_share", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracked_link",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    original_url = table.Column<string>(type: "text", nullable: false),
                    target_url = table.Column<string>(type: "text", nullable: false),
                    post_id = table.Column<string>(type: "text", nullable: true),
                    delivery_id = table.Column<string>(type: "text", nullable: true),
                    account_id = table.Column<string>(type: "text", nullable: true),
                    network = table.Column<string>(type: "text", nullable: true),
                    campaign = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    disabled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracked_link", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_link_click_link_id_day",
                table: "link_click",
                columns: new[] { "link_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_link_conversion_click_id_goal",
                table: "link_conversion",
                columns: new[] { "click_id", "goal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_link_conversion_link_id_day",
                table: "link_conversion",
                columns: new[] { "link_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_report_next_run_at",
                table: "report",
                column: "next_run_at");

            migrationBuilder.CreateIndex(
                name: "ix_report_workspace_id",
                table: "report",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_report_share_report_id",
                table: "report_share",
                column: "report_id");

            migrationBuilder.CreateIndex(
                name: "ix_report_share_token_hash",
                table: "report_share",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tracked_link_code",
                table: "tracked_link",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tracked_link_delivery_id",
                table: "tracked_link",
                column: "delivery_id");

            migrationBuilder.CreateIndex(
                name: "ix_tracked_link_post_id",
                table: "tracked_link",
                column: "post_id");

            migrationBuilder.CreateIndex(
                name: "ix_tracked_link_workspace_id_created_at",
                table: "tracked_link",
                columns: new[] { "workspace_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "link_click");

            migrationBuilder.DropTable(
                name: "link_conversion");

            migrationBuilder.DropTable(
                name: "link_salt");

            migrationBuilder.DropTable(
                name: "link_settings");

            migrationBuilder.DropTable(
                name: "report");

            migrationBuilder.DropTable(
                name: "report_share");

            migrationBuilder.DropTable(
                name: "tracked_link");
        }
    }
}
