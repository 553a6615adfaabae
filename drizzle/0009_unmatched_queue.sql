CREATE TABLE "unplaced_payment_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"lease_id" uuid,
	"payment_id" uuid,
	"payout_id" uuid,
	"correction_id" uuid,
	"undoes_id" uuid,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unplaced_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"receipt" text NOT NULL,
	"shortcode" text NOT NULL,
	"source" text NOT NULL,
	"state" text NOT NULL,
	"reason" text NOT NULL,
	"claimed_amount_cents" bigint,
	"account_reference" text,
	"payer_msisdn" text,
	"payment_id" uuid,
	"payout_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unplaced_payment_actions" ADD CONSTRAINT "unplaced_payment_actions_item_id_unplaced_payments_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."unplaced_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unplaced_payment_actions" ADD CONSTRAINT "unplaced_payment_actions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unplaced_payment_actions" ADD CONSTRAINT "unplaced_payment_actions_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unplaced_payment_actions" ADD CONSTRAINT "unplaced_payment_actions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unplaced_payment_actions" ADD CONSTRAINT "unplaced_payment_actions_payout_id_mpesa_b2c_transactions_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."mpesa_b2c_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unplaced_payment_actions" ADD CONSTRAINT "unplaced_payment_actions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unplaced_payments" ADD CONSTRAINT "unplaced_payments_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unplaced_payments" ADD CONSTRAINT "unplaced_payments_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unplaced_payments" ADD CONSTRAINT "unplaced_payments_payout_id_mpesa_b2c_transactions_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."mpesa_b2c_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unplaced_payment_actions_item_idx" ON "unplaced_payment_actions" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "unplaced_payment_actions_undoes_key" ON "unplaced_payment_actions" USING btree ("undoes_id") WHERE "unplaced_payment_actions"."undoes_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "unplaced_payments_receipt_key" ON "unplaced_payments" USING btree ("receipt");--> statement-breakpoint
CREATE INDEX "unplaced_payments_agency_state_idx" ON "unplaced_payments" USING btree ("agency_id","state","created_at");