using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CrisisAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crisis_alert_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    alert_id = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    what = table.Column<string>(type: "TEXT", nullable: false),
                    detail = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crisis_alert_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crisis_alerts",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    rule_id = table.Column<string>(type: "TEXT", nullable: false),
                    rule_name = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    negative = table.Column<int>(type: "INTEGER", nullable: false),
                    baseline = table.Column<double>(type: "REAL", nullable: true),
                    window_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    raised_at = table.Column<long>(type: "INTEGER", nullable: false),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", nullable: true),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    resolved_by = table.Column<string>(type: "TEXT", nullable: true),
                    next_step = table.Column<int>(type: "INTEGER", nullable: false),
                    next_escalation_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crisis_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crisis_escalation_steps",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: true),
                    channel_id = table.Column<string>(type: "TEXT", nullable: true),
                    wait_minutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crisis_escalation_steps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crisis_mode_log",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    deliveries = table.Column<int>(type: "INTEGER", nullable: false),
                    other = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crisis_mode_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crisis_mode_states",
                columns: table => new
                {
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    since = table.Column<long>(type: "INTEGER", nullable: true),
                    by = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crisis_mode_states", x => x.workspace_id);
                });

            migrationBuilder.CreateTable(
                name: "crisis_rules",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    window_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    threshold = table.Column<double>(type: "REAL", nullable: false),
                    minimum_count = table.Column<int>(type: "INTEGER", nullable: false),
                    baseline_weeks = table.Column<int>(type: "INTEGER", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    firing = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crisis_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crisis_signal_rollups",
                columns: table => new
                {
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    bucket_start = table.Column<long>(type: "INTEGER", nullable: false),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    negative = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crisis_signal_rollups", x => new { x.workspace_id, x.bucket_start });
                });

            migrationBuilder.CreateTable(
                name: "notification_channels",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    recipients_json = table.Column<string>(type: "TEXT", nullable: false),
                    protected_url = table.Column<string>(type: "TEXT", nullable: true),
                    url_hint = table.Column<string>(type: "TEXT", nullable: true),
                    protected_secret = table.Column<string>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_channels", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notification_outbox",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", nullable: false),
                    channel_id = table.Column<string>(type: "TEXT", nullable: true),
                    recipient = table.Column<string>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    link = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_outbox", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crisis_alert_events_alert_id",
                table: "crisis_alert_events",
                column: "alert_id");

            migrationBuilder.CreateIndex(
                name: "ix_crisis_alerts_next_escalation_at",
                table: "crisis_alerts",
                column: "next_escalation_at");

            migrationBuilder.CreateIndex(
                name: "ix_crisis_alerts_workspace_id_raised_at",
                table: "crisis_alerts",
                columns: new[] { "workspace_id", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crisis_escalation_steps_workspace_id_position",
                table: "crisis_escalation_steps",
                columns: new[] { "workspace_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_crisis_mode_log_workspace_id_at",
                table: "crisis_mode_log",
                columns: new[] { "workspace_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_crisis_rules_workspace_id",
                table: "crisis_rules",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_channels_workspace_id",
                table: "notification_channels",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_notification_outbox_due",
                table: "notification_outbox",
                column: "next_attempt_at",
                filter: "status IN ('Pending','Sending')");

            migrationBuilder.CreateIndex(
                name: "ix_notification_outbox_workspace_id_created_at",
                table: "notification_outbox",
                columns: new[] { "workspace_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crisis_alert_events");

            migrationBuilder.DropTable(
                name: "crisis_alerts");

            migrationBuilder.DropTable(
                name: "crisis_escalation_steps");

            migrationBuilder.DropTable(
                name: "crisis_mode_log");

            migrationBuilder.DropTable(
                name: "crisis_mode_states");

            migrationBuilder.DropTable(
                name: "crisis_rules");

            migrationBuilder.DropTable(
                name: "crisis_signal_rollups");

            migrationBuilder.DropTable(
                name: "notification_channels");

            migrationBuilder.DropTable(
                name: "notification_outbox");
        }
    }
}
