DROP INDEX "users_agency_role_idx";--> statement-breakpoint
DROP INDEX "payments_agency_paid_idx";--> statement-breakpoint
CREATE INDEX "users_agency_role_name_idx" ON "users" USING btree ("agency_id","role","name","id");--> statement-breakpoint
CREATE INDEX "payments_agency_paid_id_idx" ON "payments" USING btree ("agency_id","paid_at","id");--> statement-breakpoint
-- Written by hand (Drizzle cannot declare INCLUDE): the per-lease sums behind lease balances, read from the index
-- alone within one agency (index-only scans) instead of correlated sums over the tables.
CREATE INDEX "charges_agency_lease_amount_idx" ON "charges" USING btree ("agency_id","lease_id") INCLUDE ("amount_cents");--> statement-breakpoint
CREATE INDEX "payments_agency_lease_completed_idx" ON "payments" USING btree ("agency_id","lease_id") INCLUDE ("amount_cents") WHERE "status" = 'completed';
