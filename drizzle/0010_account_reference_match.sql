-- Matching compares a normalised account key (lib/leases/account-reference.ts: upper case, letters and digits only,
-- numeric runs without leading zeros). Existing references carry no check character, so their key is the whole
-- reference normalised; new leases get theirs from the application.
ALTER TABLE "leases" ADD COLUMN "account_key" text;--> statement-breakpoint
UPDATE "leases" SET "account_key" = regexp_replace(regexp_replace(upper("account_reference"), '[^A-Z0-9]', '', 'g'), '(^|[^0-9])0+([0-9])', '\1\2', 'g');--> statement-breakpoint
ALTER TABLE "leases" ALTER COLUMN "account_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "mpesa_receipt_checks" ADD COLUMN "claimed_lease_id" uuid;--> statement-breakpoint
ALTER TABLE "mpesa_receipt_checks" ADD CONSTRAINT "mpesa_receipt_checks_claimed_lease_id_leases_id_fk" FOREIGN KEY ("claimed_lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leases_live_account_key" ON "leases" USING btree ("agency_id","account_key") WHERE "leases"."status" in ('active', 'notice');--> statement-breakpoint
CREATE INDEX "leases_agency_account_key_idx" ON "leases" USING btree ("agency_id","account_key");
