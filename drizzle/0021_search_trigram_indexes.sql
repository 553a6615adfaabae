-- Substring search ("%term%" ILIKE) on names, labels and account references reads these GIN trigram indexes
-- instead of every row of the agency. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may
-- create it; the embedded PGlite loads it in db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "users_name_trgm_idx" ON "users" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "properties_name_trgm_idx" ON "properties" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "units_label_trgm_idx" ON "units" USING gin ("label" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "leases_account_reference_trgm_idx" ON "leases" USING gin ("account_reference" gin_trgm_ops);