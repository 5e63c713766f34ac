using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class WebhookHistoryOutlivesWebhook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DeliveryFeedback_Webhooks_WebhookId",
                table: "DeliveryFeedback");

            migrationBuilder.DropForeignKey(
                name: "FK_InboundMessages_Webhooks_WebhookId",
                table: "InboundMessages");

            migrationBuilder.DropForeignKey(
                name: "FK_MessageDeliveryStatuses_Webhooks_WebhookId",
                table: "MessageDeliveryStatuses");

            migrationBuilder.DropIndex(
                name: "IX_InboundMessages_WebhookId_EventKey",
                table: "InboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryFeedback_WebhookId_EventKey",
                table: "DeliveryFeedback");

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "MessageDeliveryStatuses",
                type: "int",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "int");

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "InboundMessages",
                type: "int",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "int");

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "DeliveryFeedback",
                type: "int",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "int");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_WebhookId_EventKey",
                table: "InboundMessages",
                columns: new[] { "WebhookId", "EventKey" },
                unique: true,
                filter: "[WebhookId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryFeedback_WebhookId_EventKey",
                table: "DeliveryFeedback",
                columns: new[] { "WebhookId", "EventKey" },
                unique: true,
                filter: "[WebhookId] IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_DeliveryFeedback_Webhooks_WebhookId",
                table: "DeliveryFeedback",
                column: "WebhookId",
                principalTable: "Webhooks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_InboundMessages_Webhooks_WebhookId",
                table: "InboundMessages",
                column: "WebhookId",
                principalTable: "Webhooks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_MessageDeliveryStatuses_Webhooks_WebhookId",
                table: "MessageDeliveryStatuses",
                column: "WebhookId",
                principalTable: "Webhooks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DeliveryFeedback_Webhooks_WebhookId",
                table: "DeliveryFeedback");

            migrationBuilder.DropForeignKey(
                name: "FK_InboundMessages_Webhooks_WebhookId",
                table: "InboundMessages");

            migrationBuilder.DropForeignKey(
                name: "FK_MessageDeliveryStatuses_Webhooks_WebhookId",
                table: "MessageDeliveryStatuses");

            migrationBuilder.DropIndex(
                name: "IX_InboundMessages_WebhookId_EventKey",
                table: "InboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryFeedback_WebhookId_EventKey",
                table: "DeliveryFeedback");

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "MessageDeliveryStatuses",
                type: "int",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "int",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "InboundMessages",
                type: "int",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "int",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "DeliveryFeedback",
                type: "int",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "int",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_WebhookId_EventKey",
                table: "InboundMessages",
                columns: new[] { "WebhookId", "EventKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryFeedback_WebhookId_EventKey",
                table: "DeliveryFeedback",
                columns: new[] { "WebhookId", "EventKey" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_DeliveryFeedback_Webhooks_WebhookId",
                table: "DeliveryFeedback",
                column: "WebhookId",
                principalTable: "Webhooks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_InboundMessages_Webhooks_WebhookId",
                table: "InboundMessages",
                column: "WebhookId",
                principalTable: "Webhooks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_MessageDeliveryStatuses_Webhooks_WebhookId",
                table: "MessageDeliveryStatuses",
                column: "WebhookId",
                principalTable: "Webhooks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
