DROP INDEX "leases_tenant_idx";--> statement-breakpoint
CREATE INDEX "leases_tenant_idx" ON "leases" USING btree ("tenant_id","status");