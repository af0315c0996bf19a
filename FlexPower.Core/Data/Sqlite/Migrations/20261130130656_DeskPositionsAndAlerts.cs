using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Trades");

            migrationBuilder.AddColumn<int>(
                name: "updated",
                table: "imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: false),
                    raised_utc = table.Column<string>(type: "TEXT", nullable: false),
                    cleared_utc = table.Column<string>(type: "TEXT", nullable: true),
                    cleared_message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.id);
                });

            // Hand-written: like the trade aggregates, the price and mark tables are read by their key, so they are stored
            // WITHOUT ROWID (EF has no way to say so). Same columns and keys as the model.
            migrationBuilder.Sql("""
                CREATE TABLE "reference_prices" (
                    "series" TEXT NOT NULL,
                    "delivery_day" TEXT NOT NULL,
                    "delivery_hour" INTEGER NOT NULL,
                    "price_cents" INTEGER NOT NULL,
                    "import_id" INTEGER NOT NULL,
                    CONSTRAINT "PK_reference_prices" PRIMARY KEY ("series", "delivery_day", "delivery_hour")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.Sql("""
                CREATE TABLE "trade_day_marks" (
                    "series" TEXT NOT NULL,
                    "trader_id" TEXT NOT NULL,
                    "delivery_day" TEXT NOT NULL,
                    "trade_count" INTEGER NOT NULL,
                    "buy_mw" INTEGER NOT NULL,
                    "sell_mw" INTEGER NOT NULL,
                    "price_rows" INTEGER NOT NULL,
                    "price_import_id" INTEGER NOT NULL,
                    "mark_cents" INTEGER NOT NULL,
                    "priced_hours" INTEGER NOT NULL,
                    "unpriced_hours" INTEGER NOT NULL,
                    CONSTRAINT "PK_trade_day_marks" PRIMARY KEY ("series", "trader_id", "delivery_day")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateTable(
                name: "trader_limits",
                columns: table => new
                {
                    trader_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    max_open_mw = table.Column<long>(type: "INTEGER", nullable: true),
                    max_daily_loss_cents = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_utc = table.Column<string>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trader_limits", x => x.trader_id);
                });

            migrationBuilder.CreateTable(
                name: "alert_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    alert_id = table.Column<long>(type: "INTEGER", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 16, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_utc = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_utc = table.Column<string>(type: "TEXT", nullable: false),
                    last_attempt_utc = table.Column<string>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    delivered_utc = table.Column<string>(type: "TEXT", nullable: true),
                    claimed_until_utc = table.Column<string>(type: "TEXT", nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
