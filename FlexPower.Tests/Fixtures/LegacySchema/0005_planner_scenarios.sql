-- Named production-planner scenarios, one name per owner.

CREATE TABLE "planner_scenarios" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_planner_scenarios" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "owner_user_name" TEXT NOT NULL,
    "payload_json" TEXT NOT NULL,
    "saved_utc" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ux_planner_scenarios_owner_name" ON "planner_scenarios" ("owner_user_name", "name");
