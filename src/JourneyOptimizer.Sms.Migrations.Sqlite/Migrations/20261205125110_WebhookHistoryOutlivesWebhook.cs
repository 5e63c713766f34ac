using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JourneyOptimizer.Sms.Migrations.Sqlite.Migrations
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

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "MessageDeliveryStatuses",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "InboundMessages",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "DeliveryFeedback",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

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

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "MessageDeliveryStatuses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "InboundMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "WebhookId",
                table: "DeliveryFeedback",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

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
