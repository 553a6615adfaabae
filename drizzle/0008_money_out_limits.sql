ALTER TABLE "agencies" ADD COLUMN "money_out_daily_requester_limit_cents" bigint DEFAULT 10000000 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "money_out_daily_phone_limit_cents" bigint DEFAULT 5000000 NOT NULL;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD COLUMN "approval_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD COLUMN "recipient_phone" text;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD COLUMN "approval_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "mpesa_b2c_requester_created_idx" ON "mpesa_b2c_transactions" USING btree ("agency_id","requested_by","created_at");--> statement-breakpoint
CREATE INDEX "mpesa_b2c_phone_created_idx" ON "mpesa_b2c_transactions" USING btree ("agency_id","phone","created_at");--> statement-breakpoint
CREATE INDEX "mpesa_reversals_requester_created_idx" ON "mpesa_reversals" USING btree ("agency_id","requested_by","created_at");--> statement-breakpoint
CREATE INDEX "mpesa_reversals_phone_created_idx" ON "mpesa_reversals" USING btree ("agency_id","recipient_phone","created_at");--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_money_out_limits" CHECK ("agencies"."money_out_daily_requester_limit_cents" >= 0 and "agencies"."money_out_daily_phone_limit_cents" >= 0);--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD CONSTRAINT "mpesa_b2c_approver_not_requester" CHECK ("mpesa_b2c_transactions"."approved_by" is null or "mpesa_b2c_transactions"."approved_by" <> "mpesa_b2c_transactions"."requested_by");--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD CONSTRAINT "mpesa_reversals_approver_not_requester" CHECK ("mpesa_reversals"."approved_by" is null or "mpesa_reversals"."approved_by" <> "mpesa_reversals"."requested_by");--> statement-breakpoint
-- Reversals made before this migration count toward the 24 h phone limit too: the payer they go back to.
UPDATE "mpesa_reversals" r SET "recipient_phone" = p."payer_phone" FROM "payments" p WHERE p."id" = r."payment_id" AND r."recipient_phone" IS NULL AND p."payer_phone" ~ '^254[17][0-9]{8}$';
