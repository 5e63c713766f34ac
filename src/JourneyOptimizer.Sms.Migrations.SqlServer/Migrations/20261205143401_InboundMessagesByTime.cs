using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InboundMessagesByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundMessages_SandboxId_Id",
                table: "InboundMessages");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_SandboxId_ReceivedAtUtc_Id",
                table: "InboundMessages",
                columns: new[] { "SandboxId", "ReceivedAtUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundMessages_SandboxId_ReceivedAtUtc_Id",
                table: "InboundMessages");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_SandboxId_Id",
                table: "InboundMessages",
                columns: new[] { "SandboxId", "Id" });
        }
    }
}
