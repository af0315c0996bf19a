using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Postgres.Migrations
{
    /// <summary>
    /// Issue 19: a reference price is the price of a delivery period of a Berlin day — its first quarter-hour and length in
    /// quarters (1 or 4) — rather than of a delivery hour. Every stored price becomes its hour: the 60-minute period from the
    /// hour's first quarter (the autumn day's hour 2 its first occurrence, as migration QuarterAggregates placed trades), its
    /// delivery hour and price kept. Cached day marks stay valid: every quarter keeps the price it had.
    /// </summary>
    public partial class PricePeriods : Migration
    {
        // The quarter a legacy hour starts at: Berlin's clocks change between 02:00 and 03:00 on the last Sunday of March
        // (no hour 2: 92 quarters) and of October (from 1996; September before: hour 2 twice, the stored one the first).
        private const string FirstQuarter = """
            CASE
                WHEN EXTRACT(YEAR FROM delivery_day) >= 1981 AND EXTRACT(MONTH FROM delivery_day) = 3 AND EXTRACT(DAY FROM delivery_day) >= 25 AND EXTRACT(DOW FROM delivery_day) = 0 AND delivery_hour >= 3
                    THEN (delivery_hour - 1) * 4
                WHEN EXTRACT(YEAR FROM delivery_day) >= 1981 AND EXTRACT(DOW FROM delivery_day) = 0 AND delivery_hour >= 3
                     AND ((EXTRACT(YEAR FROM delivery_day) >= 1996 AND EXTRACT(MONTH FROM delivery_day) = 10 AND EXTRACT(DAY FROM delivery_day) >= 25) OR (EXTRACT(YEAR FROM delivery_day) < 1996 AND EXTRACT(MONTH FROM delivery_day) = 9 AND EXTRACT(DAY FROM delivery_day) >= 24))
                    THEN (delivery_hour + 1) * 4
                ELSE delivery_hour * 4
            END
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "first_quarter",
                table: "reference_prices",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "quarters",
                table: "reference_prices",
                type: "integer",
                nullable: false,
                defaultValue: 4);

            migrationBuilder.Sql($"UPDATE reference_prices SET first_quarter = {FirstQuarter};");

            migrationBuilder.DropPrimaryKey(
                name: "PK_reference_prices",
                table: "reference_prices");

            migrationBuilder.AlterColumn<int>(
                name: "delivery_hour",
                table: "reference_prices",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddPrimaryKey(
                name: "PK_reference_prices",
                table: "reference_prices",
                columns: new[] { "series", "delivery_day", "first_quarter" });
        }

        /// <summary>Back to delivery hours: the hourly periods keep their hour; quarter-hour prices and the autumn day's repeated hour have none and are dropped.</summary>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM reference_prices WHERE quarters <> 4 OR delivery_hour IS NULL;");

            migrationBuilder.DropPrimaryKey(
                name: "PK_reference_prices",
                table: "reference_prices");

            migrationBuilder.DropColumn(
                name: "first_quarter",
                table: "reference_prices");

            migrationBuilder.DropColumn(
                name: "quarters",
                table: "reference_prices");

            migrationBuilder.AlterColumn<int>(
                name: "delivery_hour",
                table: "reference_prices",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_reference_prices",
                table: "reference_prices",
                columns: new[] { "series", "delivery_day", "delivery_hour" });
        }
    }
}
