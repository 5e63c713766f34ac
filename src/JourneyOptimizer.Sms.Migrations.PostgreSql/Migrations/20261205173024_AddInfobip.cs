using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddInfobip : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApiBaseUrl",
                table: "ApiCredentials",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "ApiKeyHint",
                table: "ApiCredentials",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "ApiKeyProtected",
                table: "ApiCredentials",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "CallbackData",
                table: "ApiCredentials",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "ContentTemplateId",
                table: "ApiCredentials",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "FuzzyAutoReply",
                table: "ApiCredentials",
                type: "character varying(1600)",
                maxLength: 1600,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<bool>(
                name: "FuzzyOptOut",
                table: "ApiCredentials",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InfobipInboundNumber",
                table: "ApiCredentials",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "PrincipalEntityId",
                table: "ApiCredentials",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "ValidityPeriodHours",
                table: "ApiCredentials",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiCredentials_ApiBaseUrl_InfobipInboundNumber",
                table: "ApiCredentials",
                columns: new[] { "ApiBaseUrl", "InfobipInboundNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApiCredentials_ApiBaseUrl_InfobipInboundNumber",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "ApiBaseUrl",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "ApiKeyHint",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "ApiKeyProtected",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "CallbackData",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "ContentTemplateId",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "FuzzyAutoReply",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "FuzzyOptOut",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "InfobipInboundNumber",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "PrincipalEntityId",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "ValidityPeriodHours",
                table: "ApiCredentials");
        }
    }
}
