-- The import ledger and the rows each import rejected.

CREATE TABLE "imports" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_imports" PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "started_utc" TEXT NOT NULL,
    "finished_utc" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "inserted" INTEGER NOT NULL,
    "duplicates" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "forced" INTEGER NOT NULL,
    "message" TEXT NULL
);

CREATE TABLE "import_rejections" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_import_rejections" PRIMARY KEY AUTOINCREMENT,
    "import_id" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "raw" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    CONSTRAINT "FK_import_rejections_imports_import_id" FOREIGN KEY ("import_id") REFERENCES "imports" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_import_rejections_import_line" ON "import_rejections" ("import_id", "line");

CREATE INDEX "ix_imports_file_name" ON "imports" ("file_name");

CREATE INDEX "ix_imports_sha256" ON "imports" ("sha256");
