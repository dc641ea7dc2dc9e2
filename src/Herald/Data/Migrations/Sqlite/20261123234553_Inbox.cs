using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Inbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contact_audits",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    contact_id = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    detail = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_audits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contacts",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    network = table.Column<string>(type: "TEXT", nullable: false),
                    handle = table.Column<string>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", nullable: true),
                    avatar_url = table.Column<string>(type: "TEXT", nullable: true),
                    follows_brand = table.Column<bool>(type: "INTEGER", nullable: false),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    first_seen_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "engagement_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    network = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    remote_id = table.Column<string>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", nullable: true),
                    subject_remote_id = table.Column<string>(type: "TEXT", nullable: true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_engagement_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_cursors",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    position = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_cursors", x => new { x.account_id, x.source });
                });

            migrationBuilder.CreateTable(
                name: "inbox_items",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    network = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    remote_id = table.Column<string>(type: "TEXT", nullable: false),
                    remote_cid = table.Column<string>(type: "TEXT", nullable: true),
                    url = table.Column<string>(type: "TEXT", nullable: true),
                    parent_remote_id = table.Column<string>(type: "TEXT", nullable: true),
                    parent_cid = table.Column<string>(type: "TEXT", nullable: true),
                    root_remote_id = table.Column<string>(type: "TEXT", nullable: true),
                    root_cid = table.Column<string>(type: "TEXT", nullable: true),
                    conversation_key = table.Column<string>(type: "TEXT", nullable: false),
                    contact_id = table.Column<string>(type: "TEXT", nullable: true),
                    author_handle = table.Column<string>(type: "TEXT", nullable: false),
                    author_name = table.Column<string>(type: "TEXT", nullable: true),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", nullable: false),
                    language = table.Column<string>(type: "TEXT", nullable: true),
                    sentiment = table.Column<string>(type: "TEXT", nullable: true),
                    sentiment_score = table.Column<double>(type: "REAL", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    assignee_id = table.Column<string>(type: "TEXT", nullable: true),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ingested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    responded_at = table.Column<long>(type: "INTEGER", nullable: true),
                    liked = table.Column<bool>(type: "INTEGER", nullable: false),
                    hidden = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_notes",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    conversation_key = table.Column<string>(type: "TEXT", nullable: true),
                    contact_id = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_notes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_reads",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    item_id = table.Column<string>(type: "TEXT", nullable: false),
                    read_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_reads", x => new { x.user_id, x.item_id });
                });

            migrationBuilder.CreateTable(
                name: "inbox_replies",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    item_id = table.Column<string>(type: "TEXT", nullable: false),
                    conversation_key = table.Column<string>(type: "TEXT", nullable: false),
                    post_id = table.Column<string>(type: "TEXT", nullable: false),
                    delivery_id = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_replies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_settings",
                columns: table => new
                {
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    response_target_minutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_settings", x => x.workspace_id);
                });

            migrationBuilder.CreateTable(
                name: "saved_replies",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    language = table.Column<string>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_replies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contact_audits_workspace_id",
                table: "contact_audits",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_workspace_id_network_handle",
                table: "contacts",
                columns: new[] { "workspace_id", "network", "handle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_engagement_events_account_id_remote_id",
                table: "engagement_events",
                columns: new[] { "account_id", "remote_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_engagement_events_workspace_id_occurred_at",
                table: "engagement_events",
                columns: new[] { "workspace_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_items_account_id_remote_id",
                table: "inbox_items",
                columns: new[] { "account_id", "remote_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbox_items_contact_id",
                table: "inbox_items",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_items_workspace_id_conversation_key",
                table: "inbox_items",
                columns: new[] { "workspace_id", "conversation_key" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_items_workspace_id_occurred_at",
                table: "inbox_items",
                columns: new[] { "workspace_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_notes_contact_id",
                table: "inbox_notes",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_notes_workspace_id_conversation_key",
                table: "inbox_notes",
                columns: new[] { "workspace_id", "conversation_key" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_reads_item_id",
                table: "inbox_reads",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_replies_item_id",
                table: "inbox_replies",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_replies_workspace_id_conversation_key",
                table: "inbox_replies",
                columns: new[] { "workspace_id", "conversation_key" });

            migrationBuilder.CreateIndex(
                name: "ix_saved_replies_workspace_id",
                table: "saved_replies",
                column: "workspace_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contact_audits");

            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "engagement_events");

            migrationBuilder.DropTable(
                name: "inbox_cursors");

            migrationBuilder.DropTable(
                name: "inbox_items");

            migrationBuilder.DropTable(
                name: "inbox_notes");

            migrationBuilder.DropTable(
                name: "inbox_reads");

            migrationBuilder.DropTable(
                name: "inbox_replies");

            migrationBuilder.DropTable(
                name: "inbox_settings");

            migrationBuilder.DropTable(
                name: "saved_replies");
        }
    }
}
