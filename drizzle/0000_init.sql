CREATE TYPE "public"."user_role" AS ENUM('admin', 'landlord', 'tenant');--> statement-breakpoint
CREATE TYPE "public"."lease_status" AS ENUM('active', 'ended', 'pending');--> statement-breakpoint
CREATE TYPE "public"."charge_kind" AS ENUM('rent', 'deposit', 'other');--> statement-breakpoint
CREATE TYPE "public"."deposit_movement_kind" AS ENUM('received', 'refund', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('mpesa_stk', 'mpesa_paybill', 'cash', 'bank');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('completed', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."mpesa_b2c_occasion" AS ENUM('Refund', 'Payout', 'Salary', 'Bonus', 'Commission');--> statement-breakpoint
CREATE TYPE "public"."mpesa_balance_status" AS ENUM('PENDING', 'SUCCESS', 'FAILED', 'UNKNOWN');--> statement-breakpoint
CREATE TYPE "public"."mpesa_payout_status" AS ENUM('AWAITING_APPROVAL', 'REJECTED', 'QUEUED', 'PENDING', 'UNKNOWN', 'SUCCESS', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."mpesa_stk_status" AS ENUM('PENDING', 'SUCCESS', 'FAILED', 'CANCELLED', 'TIMEOUT');--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"paybill_shortcode" text NOT NULL,
	"payout_approval_threshold_cents" bigint DEFAULT 1000000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"hit_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"role" "user_role" NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "properties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"landlord_id" uuid NOT NULL,
	"name" text NOT NULL,
	"location" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"property_id" uuid NOT NULL,
	"label" text NOT NULL,
	"bedrooms" integer DEFAULT 1 NOT NULL,
	"market_rent_cents" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"monthly_rent_cents" bigint NOT NULL,
	"deposit_cents" bigint NOT NULL,
	"due_day" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"status" "lease_status" DEFAULT 'active' NOT NULL,
	"account_reference" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leases_due_day_range" CHECK ("leases"."due_day" between 1 and 28),
	CONSTRAINT "leases_money_positive" CHECK ("leases"."monthly_rent_cents" > 0 and "leases"."deposit_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"kind" charge_kind NOT NULL,
	"period" text,
	"description" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"due_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charges_amount_positive" CHECK ("charges"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "deposit_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"kind" "deposit_movement_kind" NOT NULL,
	"amount_cents" bigint NOT NULL,
	"description" text NOT NULL,
	"b2c_transaction_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lease_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"charge_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "payment_allocations_amount_positive" CHECK ("payment_allocations"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"method" "payment_method" NOT NULL,
	"mpesa_receipt_number" text,
	"mpesa_transaction_id" uuid,
	"payer_phone" text,
	"paid_at" timestamp with time zone NOT NULL,
	"status" "payment_status" DEFAULT 'completed' NOT NULL,
	"reversed_at" timestamp with time zone,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "mpesa_access_tokens" (
	"key" text PRIMARY KEY NOT NULL,
	"access_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mpesa_b2c_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid,
	"originator_conversation_id" text NOT NULL,
	"conversation_id" text,
	"shortcode" text NOT NULL,
	"phone" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"command_id" text NOT NULL,
	"occasion" "mpesa_b2c_occasion" NOT NULL,
	"remarks" text NOT NULL,
	"status" "mpesa_payout_status" NOT NULL,
	"transaction_id" text,
	"receiver_name" text,
	"utility_balance_after_cents" bigint,
	"result_code" text,
	"result_description" text,
	"requested_by" uuid NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"rejection_reason" text,
	"idempotency_key" text,
	"sent_at" timestamp with time zone,
	"last_queried_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mpesa_balance_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"shortcode" text NOT NULL,
	"conversation_id" text,
	"originator_conversation_id" text,
	"status" "mpesa_balance_status" DEFAULT 'PENDING' NOT NULL,
	"raw_balance" text,
	"accounts" jsonb,
	"available_balance_cents" bigint,
	"result_code" text,
	"result_description" text,
	"requested_by" uuid,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mpesa_c2b_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid,
	"trans_id" text NOT NULL,
	"trans_time" timestamp with time zone,
	"amount_cents" bigint NOT NULL,
	"shortcode" text NOT NULL,
	"bill_ref_number" text,
	"msisdn" text,
	"payer_name" text,
	"lease_id" uuid,
	"payment_id" uuid,
	"outcome" text NOT NULL,
	"raw" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mpesa_reversals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"payment_id" uuid,
	"original_transaction_id" text NOT NULL,
	"originator_conversation_id" text,
	"conversation_id" text,
	"amount_cents" bigint NOT NULL,
	"remarks" text NOT NULL,
	"status" "mpesa_payout_status" NOT NULL,
	"result_code" text,
	"result_description" text,
	"debit_account_balance" text,
	"requested_by" uuid NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"rejection_reason" text,
	"sent_at" timestamp with time zone,
	"last_queried_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mpesa_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"initiated_by" uuid NOT NULL,
	"shortcode" text NOT NULL,
	"phone" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"account_reference" text NOT NULL,
	"merchant_request_id" text,
	"checkout_request_id" text,
	"status" "mpesa_stk_status" DEFAULT 'PENDING' NOT NULL,
	"mpesa_receipt_number" text,
	"result_code" text,
	"result_description" text,
	"customer_message" text,
	"needs_review" boolean DEFAULT false NOT NULL,
	"review_reason" text,
	"query_count" integer DEFAULT 0 NOT NULL,
	"last_queried_at" timestamp with time zone,
	"callback_received_at" timestamp with time zone,
	"transaction_date" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid,
	"actor_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callback_inbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"path" text NOT NULL,
	"headers" jsonb NOT NULL,
	"source_address" text,
	"body" text NOT NULL,
	"correlation_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "properties" ADD CONSTRAINT "properties_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "properties" ADD CONSTRAINT "properties_landlord_id_users_id_fk" FOREIGN KEY ("landlord_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_tenant_id_users_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_movements" ADD CONSTRAINT "deposit_movements_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_movements" ADD CONSTRAINT "deposit_movements_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_movements" ADD CONSTRAINT "deposit_movements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD CONSTRAINT "mpesa_b2c_transactions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD CONSTRAINT "mpesa_b2c_transactions_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD CONSTRAINT "mpesa_b2c_transactions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD CONSTRAINT "mpesa_b2c_transactions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_balance_checks" ADD CONSTRAINT "mpesa_balance_checks_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_balance_checks" ADD CONSTRAINT "mpesa_balance_checks_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_c2b_confirmations" ADD CONSTRAINT "mpesa_c2b_confirmations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_c2b_confirmations" ADD CONSTRAINT "mpesa_c2b_confirmations_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_c2b_confirmations" ADD CONSTRAINT "mpesa_c2b_confirmations_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD CONSTRAINT "mpesa_reversals_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD CONSTRAINT "mpesa_reversals_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD CONSTRAINT "mpesa_reversals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD CONSTRAINT "mpesa_reversals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_transactions" ADD CONSTRAINT "mpesa_transactions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_transactions" ADD CONSTRAINT "mpesa_transactions_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_transactions" ADD CONSTRAINT "mpesa_transactions_initiated_by_users_id_fk" FOREIGN KEY ("initiated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rate_limit_hits_key_idx" ON "rate_limit_hits" USING btree ("key","hit_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_agency_role_idx" ON "users" USING btree ("agency_id","role");--> statement-breakpoint
CREATE INDEX "properties_agency_idx" ON "properties" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "properties_landlord_idx" ON "properties" USING btree ("landlord_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_property_label_key" ON "units" USING btree ("property_id","label");--> statement-breakpoint
CREATE INDEX "units_agency_idx" ON "units" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leases_account_reference_key" ON "leases" USING btree ("account_reference");--> statement-breakpoint
CREATE INDEX "leases_agency_idx" ON "leases" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "leases_tenant_idx" ON "leases" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "leases_unit_idx" ON "leases" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "charges_lease_kind_period_key" ON "charges" USING btree ("lease_id","kind","period");--> statement-breakpoint
CREATE INDEX "charges_lease_due_idx" ON "charges" USING btree ("lease_id","due_date");--> statement-breakpoint
CREATE INDEX "deposit_movements_lease_idx" ON "deposit_movements" USING btree ("lease_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deposit_movements_b2c_key" ON "deposit_movements" USING btree ("b2c_transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_allocations_payment_charge_key" ON "payment_allocations" USING btree ("payment_id","charge_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_lease_idx" ON "payment_allocations" USING btree ("lease_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_charge_idx" ON "payment_allocations" USING btree ("charge_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_mpesa_receipt_key" ON "payments" USING btree ("mpesa_receipt_number");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_mpesa_transaction_key" ON "payments" USING btree ("mpesa_transaction_id");--> statement-breakpoint
CREATE INDEX "payments_lease_paid_idx" ON "payments" USING btree ("lease_id","paid_at");--> statement-breakpoint
CREATE INDEX "payments_agency_paid_idx" ON "payments" USING btree ("agency_id","paid_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_b2c_originator_key" ON "mpesa_b2c_transactions" USING btree ("originator_conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_b2c_conversation_key" ON "mpesa_b2c_transactions" USING btree ("conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_b2c_idempotency_key" ON "mpesa_b2c_transactions" USING btree ("requested_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "mpesa_b2c_agency_created_idx" ON "mpesa_b2c_transactions" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "mpesa_b2c_status_idx" ON "mpesa_b2c_transactions" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_balance_checks_conversation_key" ON "mpesa_balance_checks" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "mpesa_balance_checks_agency_created_idx" ON "mpesa_balance_checks" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_c2b_confirmations_trans_key" ON "mpesa_c2b_confirmations" USING btree ("trans_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_reversals_conversation_key" ON "mpesa_reversals" USING btree ("conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_reversals_one_live_per_receipt" ON "mpesa_reversals" USING btree ("original_transaction_id") WHERE "mpesa_reversals"."status" not in ('FAILED', 'REJECTED');--> statement-breakpoint
CREATE INDEX "mpesa_reversals_agency_created_idx" ON "mpesa_reversals" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_transactions_checkout_key" ON "mpesa_transactions" USING btree ("checkout_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_transactions_receipt_key" ON "mpesa_transactions" USING btree ("mpesa_receipt_number");--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_transactions_one_pending_per_lease" ON "mpesa_transactions" USING btree ("lease_id") WHERE "mpesa_transactions"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "mpesa_transactions_status_created_idx" ON "mpesa_transactions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "mpesa_transactions_agency_created_idx" ON "mpesa_transactions" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_agency_created_idx" ON "audit_log" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "callback_inbox_correlation_idx" ON "callback_inbox" USING btree ("correlation_id");--> statement-breakpoint
CREATE INDEX "callback_inbox_unprocessed_idx" ON "callback_inbox" USING btree ("processed_at","received_at");--> statement-breakpoint
CREATE INDEX "callback_inbox_received_idx" ON "callback_inbox" USING btree ("received_at");