using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClaimableIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_deliveries_claimable",
                table: "deliveries",
                column: "due_at",
                filter: "status IN ('Scheduled','Retrying','Unknown')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_claimable",
                table: "deliveries");
        }
    }
}
