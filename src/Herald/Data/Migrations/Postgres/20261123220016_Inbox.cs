using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Inbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contact",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    network = table.Column<string>(type: "text", nullable: false),
                    handle = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: true),
                    avatar_url = table.Column<string>(type: "text", nullable: true),
                    follows_brand = table.Column<bool>(type: "boolean", nullable: false),
                    tags = table.Column<string>(type: "text", nullable: false),
                    first_seen_at = table.Column<long>(type: "bigint", nullable: false),
                    last_seen_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contact_audit",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    contact_id = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    detail = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "engagement_event",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    network = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    remote_id = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: true),
                    subject_remote_id = table.Column<string>(type: "text", nullable: true),
                    occurred_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_engagement_event", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_cursor",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    position = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_cursor", x => new { x.account_id, x.source });
                });

            migrationBuilder.CreateTable(
                name: "inbox_item",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    network = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    remote_id = table.Column<string>(type: "text", nullable: false),
                    remote_cid = table.Column<string>(type: "text", nullable: true),
                    url = table.Column<string>(type: "text", nullable: true),
                    parent_remote_id = table.Column<string>(type: "text", nullable: true),
                    parent_cid = table.Column<string>(type: "text", nullable: true),
                    root_remote_id = table.Column<string>(type: "text", nullable: true),
                    root_cid = table.Column<string>(type: "text", nullable: true),
                    conversation_key = table.Column<string>(type: "text", nullable: false),
                    contact_id = table.Column<string>(type: "text", nullable: true),
                    author_handle = table.Column<string>(type: "text", nullable: false),
                    author_name = table.Column<string>(type: "text", nullable: true),
                    text = table.Column<string>(type: "text", nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    language = table.Column<string>(type: "text", nullable: true),
                    sentiment = table.Column<string>(type: "text", nullable: true),
                    sentiment_score = table.Column<double>(type: "double precision", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assignee_id = table.Column<string>(type: "text", nullable: true),
                    tags = table.Column<string>(type: "text", nullable: false),
                    occurred_at = table.Column<long>(type: "bigint", nullable: false),
                    ingested_at = table.Column<long>(type: "bigint", nullable: false),
                    responded_at = table.Column<long>(type: "bigint", nullable: true),
                    liked = table.Column<bool>(type: "boolean", nullable: false),
                    hidden = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_item", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_note",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    conversation_key = table.Column<string>(type: "text", nullable: true),
                    contact_id = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_note", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_read",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    item_id = table.Column<string>(type: "text", nullable: false),
                    read_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_read", x => new { x.user_id, x.item_id });
                });

            migrationBuilder.CreateTable(
                name: "inbox_reply",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    item_id = table.Column<string>(type: "text", nullable: false),
                    conversation_key = table.Column<string>(type: "text", nullable: false),
                    post_id = table.Column<string>(type: "text", nullable: false),
                    delivery_id = table.Column<string>(type: "text", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_reply", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_settings",
                columns: table => new
                {
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    response_target_minutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_settings", x => x.workspace_id);
                });

            migrationBuilder.CreateTable(
                name: "saved_reply",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    workspace_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    language = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_reply", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contact_workspace_id_network_handle",
                table: "contact",
                columns: new[] { "workspace_id", "network", "handle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contact_audit_workspace_id",
                table: "contact_audit",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_engagement_event_account_id_remote_id",
                table: "engagement_event",
                columns: new[] { "account_id", "remote_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_engagement_event_workspace_id_occurred_at",
                table: "engagement_event",
                columns: new[] { "workspace_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_item_account_id_remote_id",
                table: "inbox_item",
                columns: new[] { "account_id", "remote_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbox_item_contact_id",
                table: "inbox_item",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_item_workspace_id_conversation_key",
                table: "inbox_item",
                columns: new[] { "workspace_id", "conversation_key" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_item_workspace_id_occurred_at",
                table: "inbox_item",
                columns: new[] { "workspace_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_note_contact_id",
                table: "inbox_note",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_note_workspace_id_conversation_key",
                table: "inbox_note",
                columns: new[] { "workspace_id", "conversation_key" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_read_item_id",
                table: "inbox_read",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_reply_item_id",
                table: "inbox_reply",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_reply_workspace_id_conversation_key",
                table: "inbox_reply",
                columns: new[] { "workspace_id", "conversation_key" });

            migrationBuilder.CreateIndex(
                name: "ix_saved_reply_workspace_id",
                table: "saved_reply",
                column: "workspace_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contact");

            migrationBuilder.DropTable(
                name: "contact_audit");

            migrationBuilder.DropTable(
                name: "engagement_event");

            migrationBuilder.DropTable(
                name: "inbox_cursor");

            migrationBuilder.DropTable(
                name: "inbox_item");

            migrationBuilder.DropTable(
                name: "inbox_note");

            migrationBuilder.DropTable(
                name: "inbox_read");

            migrationBuilder.DropTable(
                name: "inbox_reply");

            migrationBuilder.DropTable(
                name: "inbox_settings");

            migrationBuilder.DropTable(
                name: "saved_reply");
        }
    }
}
