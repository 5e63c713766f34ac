using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChannelConfigurations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChannelConfigurations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SandboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SmsType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ApiCredentialId = table.Column<int>(type: "INTEGER", nullable: true),
                    SenderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Subdomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    ExecutionField = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CheckErrorsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CheckedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PendingCheck = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    PendingDescription = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PendingSmsType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    PendingApiCredentialId = table.Column<int>(type: "INTEGER", nullable: true),
                    PendingSenderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PendingSubdomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    PendingExecutionField = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PendingErrorsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelConfigurations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChannelConfigurations_ApiCredentials_ApiCredentialId",
                        column: x => x.ApiCredentialId,
                        principalTable: "ApiCredentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChannelConfigurations_ApiCredentials_PendingApiCredentialId",
                        column: x => x.PendingApiCredentialId,
                        principalTable: "ApiCredentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChannelConfigurations_Sandboxes_SandboxId",
                        column: x => x.SandboxId,
                        principalTable: "Sandboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChannelConfigurations_ApiCredentialId",
                table: "ChannelConfigurations",
                column: "ApiCredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_ChannelConfigurations_PendingApiCredentialId",
                table: "ChannelConfigurations",
                column: "PendingApiCredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_ChannelConfigurations_SandboxId_NormalizedName",
                table: "ChannelConfigurations",
                columns: new[] { "SandboxId", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChannelConfigurations_SandboxId_SmsType_NormalizedName",
                table: "ChannelConfigurations",
                columns: new[] { "SandboxId", "SmsType", "NormalizedName" });

            migrationBuilder.CreateIndex(
                name: "IX_ChannelConfigurations_SandboxId_Status_NormalizedName",
                table: "ChannelConfigurations",
                columns: new[] { "SandboxId", "Status", "NormalizedName" });

            migrationBuilder.CreateIndex(
                name: "IX_ChannelConfigurations_Status_PendingCheck",
                table: "ChannelConfigurations",
                columns: new[] { "Status", "PendingCheck" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChannelConfigurations");
        }
    }
}
