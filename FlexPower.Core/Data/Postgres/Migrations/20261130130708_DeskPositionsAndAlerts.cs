using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FlexPower.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DeskPositionsAndAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "imports",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Trades");

            migrationBuilder.AddColumn<int>(
                name: "updated",
                table: "imports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    raised_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cleared_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cleared_message = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reference_prices",
                columns: table => new
                {
                    series = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    delivery_day = table.Column<DateOnly>(type: "date", nullable: false),
                    delivery_hour = table.Column<int>(type: "integer", nullable: false),
                    price_cents = table.Column<long>(type: "bigint", nullable: false),
                    import_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reference_prices", x => new { x.series, x.delivery_day, x.delivery_hour });
                });

            migrationBuilder.CreateTable(
                name: "trade_day_marks",
                columns: table => new
                {
                    series = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    trader_id = table.Column<string>(type: "text", nullable: false),
                    delivery_day = table.Column<DateOnly>(type: "date", nullable: false),
                    trade_count = table.Column<int>(type: "integer", nullable: false),
                    buy_mw = table.Column<long>(type: "bigint", nullable: false),
                    sell_mw = table.Column<long>(type: "bigint", nullable: false),
                    price_rows = table.Column<int>(type: "integer", nullable: false),
                    price_import_id = table.Column<long>(type: "bigint", nullable: false),
                    mark_cents = table.Column<long>(type: "bigint", nullable: false),
                    priced_hours = table.Column<int>(type: "integer", nullable: false),
                    unpriced_hours = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trade_day_marks", x => new { x.series, x.trader_id, x.delivery_day });
                });

            migrationBuilder.CreateTable(
                name: "trader_limits",
                columns: table => new
                {
                    trader_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    max_open_mw = table.Column<long>(type: "bigint", nullable: true),
                    max_daily_loss_cents = table.Column<long>(type: "bigint", nullable: true),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trader_limits", x => x.trader_id);
                });

            migrationBuilder.CreateTable(
                name: "alert_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alert_id = table.Column<long>(type: "bigint", nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(16)", maxLength: 16, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_attempt_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    delivered_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    claimed_until_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    claimed_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "FK_alert_deliveries_alerts_alert_id",
                        column: x => x.alert_id,
                        principalTable: "alerts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_deliveries_alert_id",
                table: "alert_deliveries",
                column: "alert_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_due",
                table: "alert_deliveries",
                columns: new[] { "status", "next_attempt_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_raised",
                table: "alerts",
                column: "raised_utc");

            migrationBuilder.CreateIndex(
                name: "ux_alerts_open_kind_subject",
                table: "alerts",
                columns: new[] { "kind", "subject" },
                unique: true,
                filter: "cleared_utc IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_deliveries");

            migrationBuilder.DropTable(
                name: "reference_prices");

            migrationBuilder.DropTable(
                name: "trade_day_marks");

            migrationBuilder.DropTable(
                name: "trader_limits");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "imports");

            migrationBuilder.DropColumn(
                name: "updated",
                table: "imports");
        }
    }
}
