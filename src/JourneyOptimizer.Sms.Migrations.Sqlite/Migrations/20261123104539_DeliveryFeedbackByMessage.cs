using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryFeedbackByMessage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DeliveryFeedback_SandboxId_ClientReference",
                table: "DeliveryFeedback",
                columns: new[] { "SandboxId", "ClientReference" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeliveryFeedback_SandboxId_ClientReference",
                table: "DeliveryFeedback");
        }
    }
}
