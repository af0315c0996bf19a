using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Postgres.Migrations
{
    /// <summary>
    /// A trade's delivery period and product, and its quantity in tenths of MW (issue 19): every stored trade becomes its
    /// 60-minute period (the autumn day's hour 2 its first occurrence), quantity × 10, no product.
    /// </summary>
    public partial class TradePeriods : Migration
    {
        // The Berlin hour's local time read in the zone. On the autumn day PostgreSQL may read the repeated 02:00 as either
        // occurrence; when an hour earlier is the same local time, the hour earlier is the first occurrence, the one meant.
        private const string Local = "(delivery_day + make_interval(hours => delivery_hour))";
        private const string Zoned = $"({Local} AT TIME ZONE 'Europe/Berlin')";
        private const string HourStart = $"(CASE WHEN ({Zoned} - interval '1 hour') AT TIME ZONE 'Europe/Berlin' = {Local} THEN {Zoned} - interval '1 hour' ELSE {Zoned} END)";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "quantity",
                table: "trades",
                newName: "quantity_tenths");

            migrationBuilder.AlterColumn<long>(
                name: "quantity_tenths",
                table: "trades",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<DateTime>(
                name: "delivery_end_utc",
                table: "trades",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc));

            migrationBuilder.AddColumn<DateTime>(
                name: "delivery_start_utc",
                table: "trades",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc));

            migrationBuilder.AddColumn<string>(
                name: "product",
                table: "trades",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.Sql($"""
                UPDATE trades SET
                    quantity_tenths = quantity_tenths * 10,
                    delivery_start_utc = {HourStart},
                    delivery_end_utc = {HourStart} + interval '1 hour';
                ALTER TABLE trades ALTER COLUMN delivery_start_utc DROP DEFAULT, ALTER COLUMN delivery_end_utc DROP DEFAULT;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE trades SET quantity_tenths = quantity_tenths / 10;");

            migrationBuilder.DropColumn(
                name: "delivery_end_utc",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "delivery_start_utc",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "product",
                table: "trades");

            migrationBuilder.AlterColumn<int>(
                name: "quantity_tenths",
                table: "trades",
                type: "integer",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.RenameColumn(
                name: "quantity_tenths",
                table: "trades",
                newName: "quantity");
        }
    }
}
