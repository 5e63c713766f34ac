using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CredentialRechecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NextCheckAtUtc",
                table: "ApiCredentials",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiCredentials_NextCheckAtUtc",
                table: "ApiCredentials",
                column: "NextCheckAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApiCredentials_NextCheckAtUtc",
                table: "ApiCredentials");

            migrationBuilder.DropColumn(
                name: "NextCheckAtUtc",
                table: "ApiCredentials");
        }
    }
}
