using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.PostgreSql.Migrations
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
                type: "character varying(4)",
                maxLength: 4,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchApiTokenProtected",
                table: "ApiCredentials",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchInboundNumber",
                table: "ApiCredentials",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsApiTokenHint",
                table: "ApiCredentials",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsApiTokenProtected",
                table: "ApiCredentials",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsAppId",
                table: "ApiCredentials",
                type: "character varying(26)",
                maxLength: 26,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchMmsProjectId",
                table: "ApiCredentials",
                type: "character varying(36)",
                maxLength: 36,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchOverrideUrl",
                table: "ApiCredentials",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "SinchRcsApiRateLimit",
                table: "ApiCredentials",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsApiTokenHint",
                table: "ApiCredentials",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsApiTokenProtected",
                table: "ApiCredentials",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsAppId",
                table: "ApiCredentials",
                type: "character varying(26)",
                maxLength: 26,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsProjectId",
                table: "ApiCredentials",
                type: "character varying(36)",
                maxLength: 36,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsServicePlanId",
                table: "ApiCredentials",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsSmsApiTokenHint",
                table: "ApiCredentials",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsSmsApiTokenProtected",
                table: "ApiCredentials",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsWebhookSecretHint",
                table: "ApiCredentials",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchRcsWebhookSecretProtected",
                table: "ApiCredentials",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchServicePlanId",
                table: "ApiCredentials",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchWebhookSecretHint",
                table: "ApiCredentials",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SinchWebhookSecretProtected",
                table: "ApiCredentials",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                collation: "C");

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
