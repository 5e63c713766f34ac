using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WebhooksChannelsUsers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsDisabled",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

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

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SandboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    SenderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProfileNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WebhookId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_Sandboxes_SandboxId",
                        column: x => x.SandboxId,
                        principalTable: "Sandboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PasswordSetupTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PasswordSetupTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PasswordSetupTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Webhooks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SandboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ApiCredentialId = table.Column<int>(type: "INTEGER", nullable: false),
                    SenderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PathToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SigningSecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SigningSecretHint = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    KeywordSettingsJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    PayloadMappingJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Webhooks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Webhooks_ApiCredentials_ApiCredentialId",
                        column: x => x.ApiCredentialId,
                        principalTable: "ApiCredentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Webhooks_Sandboxes_SandboxId",
                        column: x => x.SandboxId,
                        principalTable: "Sandboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeliveryFeedback",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SandboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    WebhookId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClientReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeliveryFeedback_Webhooks_WebhookId",
                        column: x => x.WebhookId,
                        principalTable: "Webhooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InboundMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SandboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    WebhookId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProviderMessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProfileNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InboundNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    FuzzyMatch = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReplyMessage = table.Column<string>(type: "TEXT", maxLength: 1600, nullable: true),
                    OriginAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboundMessages_Webhooks_WebhookId",
                        column: x => x.WebhookId,
                        principalTable: "Webhooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MessageDeliveryStatuses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SandboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    WebhookId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageDeliveryStatuses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageDeliveryStatuses_Webhooks_WebhookId",
                        column: x => x.WebhookId,
                        principalTable: "Webhooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PendingReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SandboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    WebhookId = table.Column<int>(type: "INTEGER", nullable: false),
                    InboundMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ToNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1600, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ProviderMessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingReplies_InboundMessages_InboundMessageId",
                        column: x => x.InboundMessageId,
                        principalTable: "InboundMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OccurredAtUtc",
                table: "AuditEntries",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserId_OccurredAtUtc",
                table: "AuditEntries",
                columns: new[] { "UserId", "OccurredAtUtc" });

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

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_SandboxId_ProfileNumber",
                table: "ConsentRecords",
                columns: new[] { "SandboxId", "ProfileNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_SandboxId_SenderNumber_ProfileNumber",
                table: "ConsentRecords",
                columns: new[] { "SandboxId", "SenderNumber", "ProfileNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryFeedback_SandboxId_Id",
                table: "DeliveryFeedback",
                columns: new[] { "SandboxId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryFeedback_WebhookId_EventKey",
                table: "DeliveryFeedback",
                columns: new[] { "WebhookId", "EventKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_SandboxId_Id",
                table: "InboundMessages",
                columns: new[] { "SandboxId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_WebhookId_EventKey",
                table: "InboundMessages",
                columns: new[] { "WebhookId", "EventKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageDeliveryStatuses_SandboxId_ClientReference",
                table: "MessageDeliveryStatuses",
                columns: new[] { "SandboxId", "ClientReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageDeliveryStatuses_SandboxId_UpdatedAtUtc",
                table: "MessageDeliveryStatuses",
                columns: new[] { "SandboxId", "UpdatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageDeliveryStatuses_WebhookId",
                table: "MessageDeliveryStatuses",
                column: "WebhookId");

            migrationBuilder.CreateIndex(
                name: "IX_PasswordSetupTokens_TokenHash",
                table: "PasswordSetupTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PasswordSetupTokens_UserId",
                table: "PasswordSetupTokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingReplies_InboundMessageId",
                table: "PendingReplies",
                column: "InboundMessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PendingReplies_State_NextAttemptAtUtc",
                table: "PendingReplies",
                columns: new[] { "State", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Webhooks_ApiCredentialId",
                table: "Webhooks",
                column: "ApiCredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_Webhooks_PathToken",
                table: "Webhooks",
                column: "PathToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Webhooks_SandboxId_NormalizedName",
                table: "Webhooks",
                columns: new[] { "SandboxId", "NormalizedName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChannelConfigurations");

            migrationBuilder.DropTable(
                name: "ConsentRecords");

            migrationBuilder.DropTable(
                name: "DeliveryFeedback");

            migrationBuilder.DropTable(
                name: "MessageDeliveryStatuses");

            migrationBuilder.DropTable(
                name: "PasswordSetupTokens");

            migrationBuilder.DropTable(
                name: "PendingReplies");

            migrationBuilder.DropTable(
                name: "InboundMessages");

            migrationBuilder.DropTable(
                name: "Webhooks");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_OccurredAtUtc",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_UserId_OccurredAtUtc",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "IsDisabled",
                table: "AspNetUsers");
        }
    }
}
