using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SinchVendors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SinchApiTokenHint",
                table: "ApiCredentials",
                type: "nvarchar(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchApiTokenProtected",
                table: "ApiCredentials",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchInboundNumber",
                table: "ApiCredentials",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsApiTokenHint",
                table: "ApiCredentials",
                type: "nvarchar(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsApiTokenProtected",
                table: "ApiCredentials",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsAppId",
                table: "ApiCredentials",
                type: "nvarchar(26)",
                maxLength: 26,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsProjectId",
                table: "ApiCredentials",
                type: "nvarchar(36)",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchOverrideUrl",
                table: "ApiCredentials",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SinchRcsApiRateLimit",
                table: "ApiCredentials",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsApiTokenHint",
                table: "ApiCredentials",
                type: "nvarchar(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsApiTokenProtected",
                table: "ApiCredentials",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsAppId",
                table: "ApiCredentials",
                type: "nvarchar(26)",
                maxLength: 26,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsProjectId",
                table: "ApiCredentials",
                type: "nvarchar(36)",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsServicePlanId",
                table: "ApiCredentials",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsSmsApiTokenHint",
                table: "ApiCredentials",
                type: "nvarchar(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsSmsApiTokenProtected",
                table: "ApiCredentials",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsWebhookSecretHint",
                table: "ApiCredentials",
                type: "nvarchar(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsWebhookSecretProtected",
                table: "ApiCredentials",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchServicePlanId",
                table: "ApiCredentials",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchWebhookSecretHint",
                table: "ApiCredentials",
                type: "nvarchar(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchWebhookSecretProtected",
                table: "ApiCredentials",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiCredentials_SinchServicePlanId_SinchInboundNumber",
                table: "ApiCredentials",
                columns: new[] { "SinchServicePlanId", "SinchInboundNumber" },
                unique: true,
                filter: "[SinchServicePlanId] IS NOT NULL AND [SinchInboundNumber] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApiCredentials_SinchServicePlanId_SinchInboundNumber",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchApiTokenHint",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchApiTokenProtected",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchInboundNumber",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchMmsApiTokenHint",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchMmsApiTokenProtected",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchMmsAppId",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchMmsProjectId",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchOverrideUrl",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsApiRateLimit",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsApiTokenHint",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsApiTokenProtected",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsAppId",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsProjectId",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsServicePlanId",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsSmsApiTokenHint",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsSmsApiTokenProtected",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsWebhookSecretHint",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchRcsWebhookSecretProtected",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchServicePlanId",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchWebhookSecretHint",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "SinchWebhookSecretProtected",
                table: "ApiCredentials");
        }
    }
}
