ALTER TABLE "mpesa_b2c_transactions" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payments_agency_phone_idx" ON "payments" USING btree ("agency_id","payer_phone");--> statement-breakpoint
CREATE INDEX "payments_agency_amount_idx" ON "payments" USING btree ("agency_id","amount_cents");--> statement-breakpoint
CREATE INDEX "audit_log_agency_action_created_idx" ON "audit_log" USING btree ("agency_id","action","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_agency_actor_created_idx" ON "audit_log" USING btree ("agency_id","actor_id","created_at");