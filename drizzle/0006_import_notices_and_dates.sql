ALTER TABLE "contact_import_rows" ADD COLUMN "joined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contact_import_rows" ADD COLUMN "last_open_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contact_import_rows" ADD COLUMN "last_click_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contact_import_rows" ADD COLUMN "last_purchase_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contact_imports" ADD COLUMN "notices" jsonb DEFAULT '[]'::jsonb NOT NULL;