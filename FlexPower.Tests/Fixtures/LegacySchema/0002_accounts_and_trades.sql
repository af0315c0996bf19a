-- FlexPower account columns on top of Identity, and the trade store.

ALTER TABLE "AspNetUsers" ADD COLUMN "TraderId" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "IsDisabled" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "AspNetUsers" ADD COLUMN "CreatedUtc" TEXT NOT NULL DEFAULT '0001-01-01 00:00:00';

CREATE TABLE "trades" (
    "id" TEXT NOT NULL CONSTRAINT "PK_trades" PRIMARY KEY,
    "trader_id" TEXT NOT NULL,
    "delivery_day" TEXT NOT NULL,
    "delivery_hour" INTEGER NOT NULL,
    "direction" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "execution_time_utc" TEXT NOT NULL
);

CREATE INDEX "IX_AspNetUsers_TraderId" ON "AspNetUsers" ("TraderId");

CREATE INDEX "ix_trades_day" ON "trades" ("delivery_day");

CREATE INDEX "ix_trades_trader_day_hour" ON "trades" ("trader_id", "delivery_day", "delivery_hour");
