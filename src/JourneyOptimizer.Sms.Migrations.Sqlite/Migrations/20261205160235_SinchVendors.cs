using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchApiTokenProtected",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchInboundNumber",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsApiTokenHint",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsApiTokenProtected",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsAppId",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 26,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsProjectId",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchOverrideUrl",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SinchRcsApiRateLimit",
                table: "ApiCredentials",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsApiTokenHint",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsApiTokenProtected",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsAppId",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 26,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsProjectId",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsServicePlanId",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsSmsApiTokenHint",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsSmsApiTokenProtected",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsWebhookSecretHint",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsWebhookSecretProtected",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchServicePlanId",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchWebhookSecretHint",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchWebhookSecretProtected",
                table: "ApiCredentials",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiCredentials_SinchServicePlanId_SinchInboundNumber",
                table: "ApiCredentials",
                columns: new[] { "SinchServicePlanId", "SinchInboundNumber" },
                unique: true);
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
