using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TwilioApiKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApiKeySecretHint",
                table: "ApiCredentials",
                type: "nvarchar(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApiKeySecretProtected",
                table: "ApiCredentials",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApiKeySid",
                table: "ApiCredentials",
                type: "nvarchar(34)",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthMethod",
                table: "ApiCredentials",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            // Every Twilio credential so far signs in with its Auth Token (the column is null for other vendors).
            migrationBuilder.Sql("UPDATE \"ApiCredentials\" SET \"AuthMethod\" = 'AuthToken' WHERE \"Vendor\" = 'Twilio'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApiKeySecretHint",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "ApiKeySecretProtected",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "ApiKeySid",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "AuthMethod",
                table: "ApiCredentials");
        }
    }
}
