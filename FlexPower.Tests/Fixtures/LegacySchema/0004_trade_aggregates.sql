-- Hourly and daily sums per trader, so reports never scan raw trades. Both are keyed like they are read
-- (trader, day[, hour]) and stored WITHOUT ROWID: each upsert touches one B-tree instead of two.
-- Existing trades are summed in, so an upgraded database starts consistent.

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

CREATE TABLE "trade_days" (
    "trader_id" TEXT NOT NULL,
    "delivery_day" TEXT NOT NULL,
    "trade_count" INTEGER NOT NULL,
    "buy_mw" INTEGER NOT NULL,
    "sell_mw" INTEGER NOT NULL,
    "buy_cents" INTEGER NOT NULL,
    "sell_cents" INTEGER NOT NULL,
    CONSTRAINT "PK_trade_days" PRIMARY KEY ("trader_id", "delivery_day")
) WITHOUT ROWID;

CREATE INDEX "ix_trade_days_day" ON "trade_days" ("delivery_day");

INSERT INTO "trade_hours"
SELECT trader_id, delivery_day, delivery_hour, COUNT(*),
       SUM(CASE WHEN direction = 'buy' THEN quantity ELSE 0 END), SUM(CASE WHEN direction = 'sell' THEN quantity ELSE 0 END),
       SUM(CASE WHEN direction = 'buy' THEN quantity * price ELSE 0 END), SUM(CASE WHEN direction = 'sell' THEN quantity * price ELSE 0 END)
FROM trades GROUP BY trader_id, delivery_day, delivery_hour;

INSERT INTO "trade_days"
SELECT trader_id, delivery_day, SUM(trade_count), SUM(buy_mw), SUM(sell_mw), SUM(buy_cents), SUM(sell_cents)
FROM trade_hours GROUP BY trader_id, delivery_day;
