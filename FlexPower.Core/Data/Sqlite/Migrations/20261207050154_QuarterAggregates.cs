using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Sqlite.Migrations
{
    /// <summary>
    /// Issue 19: the aggregates move from delivery hours and whole MW to quarter-hours, kWh and millicents. Every stored
    /// hour becomes its four quarter-hours (its count on the first; MW × 250 kWh and cents × 250 millicents each), the daily
    /// sums are multiplied by 1000 (an hour of q MW at p is 1000·q kWh and 1000·q·p millicents), and the cached day marks
    /// are dropped: they are a cache, and reports and the refresher mark the days again from the quarters.
    /// </summary>
    public partial class QuarterAggregates : Migration
    {
        // The quarter a legacy hour starts at: Berlin's clocks change between 02:00 and 03:00 on the last Sunday of March
        // (no hour 2: 92 quarters) and of October (from 1996; September before: hour 2 twice, the stored one the first).
        private const string FirstQuarter = """
            CASE
                WHEN CAST(substr(h.delivery_day, 1, 4) AS INTEGER) >= 1981 AND CAST(substr(h.delivery_day, 6, 2) AS INTEGER) = 3 AND CAST(substr(h.delivery_day, 9, 2) AS INTEGER) >= 25 AND strftime('%w', h.delivery_day) = '0' AND h.delivery_hour >= 3
                    THEN (h.delivery_hour - 1) * 4
                WHEN CAST(substr(h.delivery_day, 1, 4) AS INTEGER) >= 1981 AND strftime('%w', h.delivery_day) = '0' AND h.delivery_hour >= 3
                     AND ((CAST(substr(h.delivery_day, 1, 4) AS INTEGER) >= 1996 AND CAST(substr(h.delivery_day, 6, 2) AS INTEGER) = 10 AND CAST(substr(h.delivery_day, 9, 2) AS INTEGER) >= 25) OR (CAST(substr(h.delivery_day, 1, 4) AS INTEGER) < 1996 AND CAST(substr(h.delivery_day, 6, 2) AS INTEGER) = 9 AND CAST(substr(h.delivery_day, 9, 2) AS INTEGER) >= 24))
                    THEN (h.delivery_hour + 1) * 4
                ELSE h.delivery_hour * 4
            END
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written, as the baseline's trade_hours was: keyed like it is read and stored WITHOUT ROWID, so each upsert
            // touches one B-tree instead of two (EF has no way to say so). Same columns and key as the model.
            migrationBuilder.Sql("""
                CREATE TABLE "trade_quarters" (
                    "trader_id" TEXT NOT NULL,
                    "delivery_day" TEXT NOT NULL,
                    "quarter" INTEGER NOT NULL,
                    "delivery_hour" INTEGER NULL,
                    "trade_count" INTEGER NOT NULL,
                    "buy_kwh" INTEGER NOT NULL,
                    "sell_kwh" INTEGER NOT NULL,
                    "buy_millicents" INTEGER NOT NULL,
                    "sell_millicents" INTEGER NOT NULL,
                    CONSTRAINT "PK_trade_quarters" PRIMARY KEY ("trader_id", "delivery_day", "quarter")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.Sql($"""
                INSERT INTO trade_quarters (trader_id, delivery_day, quarter, delivery_hour, trade_count, buy_kwh, sell_kwh, buy_millicents, sell_millicents)
                SELECT h.trader_id, h.delivery_day, {FirstQuarter} + k.i, h.delivery_hour, CASE WHEN k.i = 0 THEN h.trade_count ELSE 0 END,
                       h.buy_mw * 250, h.sell_mw * 250, h.buy_cents * 250, h.sell_cents * 250
                FROM trade_hours h CROSS JOIN (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) k
                ORDER BY h.trader_id, h.delivery_day, h.delivery_hour, k.i;
                """);
            migrationBuilder.DropTable(name: "trade_hours");

            migrationBuilder.RenameColumn(name: "buy_mw", table: "trade_days", newName: "buy_kwh");
            migrationBuilder.RenameColumn(name: "sell_mw", table: "trade_days", newName: "sell_kwh");
            migrationBuilder.RenameColumn(name: "buy_cents", table: "trade_days", newName: "buy_millicents");
            migrationBuilder.RenameColumn(name: "sell_cents", table: "trade_days", newName: "sell_millicents");
            migrationBuilder.Sql("UPDATE trade_days SET buy_kwh = buy_kwh * 1000, sell_kwh = sell_kwh * 1000, buy_millicents = buy_millicents * 1000, sell_millicents = sell_millicents * 1000;");

            migrationBuilder.Sql("DELETE FROM trade_day_marks;");
            migrationBuilder.RenameColumn(name: "buy_mw", table: "trade_day_marks", newName: "buy_kwh");
            migrationBuilder.RenameColumn(name: "sell_mw", table: "trade_day_marks", newName: "sell_kwh");
            migrationBuilder.RenameColumn(name: "mark_cents", table: "trade_day_marks", newName: "mark_millicents");
        }

        /// <summary>Back to hours and whole MW: exact for hourly trades; energy of shorter periods is rounded down to whole MW per hour.</summary>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "trade_hours" (
                    "trader_id" TEXT NOT NULL,
                    "delivery_day" TEXT NOT NULL,
                    "delivery_hour" INTEGER NOT NULL,
                    "trade_count" INTEGER NOT NULL,
                    "buy_mw" INTEGER NOT NULL,
                    "sell_mw" INTEGER NOT NULL,
                    "buy_cents" INTEGER NOT NULL,
                    "sell_cents" INTEGER NOT NULL,
                    CONSTRAINT "PK_trade_hours" PRIMARY KEY ("trader_id", "delivery_day", "delivery_hour")
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                INSERT INTO trade_hours (trader_id, delivery_day, delivery_hour, trade_count, buy_mw, sell_mw, buy_cents, sell_cents)
                SELECT trader_id, delivery_day, delivery_hour, SUM(trade_count), SUM(buy_kwh) / 1000, SUM(sell_kwh) / 1000, SUM(buy_millicents) / 1000, SUM(sell_millicents) / 1000
                FROM trade_quarters WHERE delivery_hour IS NOT NULL GROUP BY trader_id, delivery_day, delivery_hour;
                """);
            migrationBuilder.DropTable(name: "trade_quarters");

            migrationBuilder.RenameColumn(name: "buy_kwh", table: "trade_days", newName: "buy_mw");
            migrationBuilder.RenameColumn(name: "sell_kwh", table: "trade_days", newName: "sell_mw");
            migrationBuilder.RenameColumn(name: "buy_millicents", table: "trade_days", newName: "buy_cents");
            migrationBuilder.RenameColumn(name: "sell_millicents", table: "trade_days", newName: "sell_cents");
            migrationBuilder.Sql("UPDATE trade_days SET buy_mw = buy_mw / 1000, sell_mw = sell_mw / 1000, buy_cents = buy_cents / 1000, sell_cents = sell_cents / 1000;");

            migrationBuilder.Sql("DELETE FROM trade_day_marks;");
            migrationBuilder.RenameColumn(name: "buy_kwh", table: "trade_day_marks", newName: "buy_mw");
            migrationBuilder.RenameColumn(name: "sell_kwh", table: "trade_day_marks", newName: "sell_mw");
            migrationBuilder.RenameColumn(name: "mark_millicents", table: "trade_day_marks", newName: "mark_cents");
        }
    }
}
