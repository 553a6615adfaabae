ALTER TYPE "public"."deposit_movement_kind" ADD VALUE 'deduction';--> statement-breakpoint
ALTER TYPE "public"."payment_method" ADD VALUE 'cheque';--> statement-breakpoint
ALTER TYPE "public"."payment_method" ADD VALUE 'deposit';--> statement-breakpoint
CREATE TABLE "agency_mpesa_credentials" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"consumer_key_enc" text NOT NULL,
	"consumer_secret_enc" text NOT NULL,
	"passkey_enc" text NOT NULL,
	"initiator_name" text NOT NULL,
	"security_credential_enc" text,
	"initiator_password_enc" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lease_rent_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"effective_period" text NOT NULL,
	"monthly_rent_cents" bigint NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lease_rent_changes_positive" CHECK ("lease_rent_changes"."monthly_rent_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "meter_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"recurring_charge_id" uuid NOT NULL,
	"period" text NOT NULL,
	"previous_reading" integer NOT NULL,
	"reading" integer NOT NULL,
	"read_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meter_readings_forward" CHECK ("meter_readings"."reading" >= "meter_readings"."previous_reading" and "meter_readings"."previous_reading" >= 0)
);
--> statement-breakpoint
CREATE TABLE "recurring_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"metered" text DEFAULT 'fixed' NOT NULL,
	"amount_cents" bigint NOT NULL,
	"start_period" text NOT NULL,
	"end_period" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recurring_charges_positive" CHECK ("recurring_charges"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"charge_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_notes_amount_positive" CHECK ("credit_notes"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "deposit_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"raised_by" uuid NOT NULL,
	"message" text NOT NULL,
	"response" text,
	"responded_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deposit_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"movement_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "late_fee_assessments" (
	"lease_id" uuid NOT NULL,
	"period" text NOT NULL,
	"outcome" text NOT NULL,
	"charge_id" uuid,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "late_fee_assessments_lease_id_period_pk" PRIMARY KEY("lease_id","period")
);
--> statement-breakpoint
CREATE TABLE "payment_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"lease_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"mpesa_reversal_id" uuid,
	"effective_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_receipts" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lines" jsonb NOT NULL,
	"credit_cents" bigint NOT NULL,
	"balance_after_cents" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX "leases_account_reference_key";--> statement-breakpoint
DROP INDEX "charges_lease_kind_period_key";--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "leases" ALTER COLUMN "status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "leases" ALTER COLUMN "status" SET DEFAULT 'draft';--> statement-breakpoint
ALTER TABLE "charges" ALTER COLUMN "kind" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "b2c_shortcode" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "late_fee_kind" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "late_fee_fixed_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "late_fee_percent_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "late_fee_after_days" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "default_billing_day" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "default_due_day" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "default_commission_bps" integer DEFAULT 1000 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "id_number" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "properties" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "properties" ADD COLUMN "commission_bps" integer DEFAULT 1000 NOT NULL;--> statement-breakpoint
ALTER TABLE "properties" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "properties" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "unit_type" text DEFAULT '2 bedroom' NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "deposit_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "status" text DEFAULT 'vacant' NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "billing_day" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "next_rent_charge_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "notice_given_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "leases" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "recurring_charge_id" uuid;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "meter_reading_id" uuid;--> statement-breakpoint
ALTER TABLE "charges" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "deposit_movements" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "deposit_movements" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "agency_mpesa_credentials" ADD CONSTRAINT "agency_mpesa_credentials_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_invites" ADD CONSTRAINT "user_invites_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_invites" ADD CONSTRAINT "user_invites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_invites" ADD CONSTRAINT "user_invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lease_rent_changes" ADD CONSTRAINT "lease_rent_changes_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lease_rent_changes" ADD CONSTRAINT "lease_rent_changes_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lease_rent_changes" ADD CONSTRAINT "lease_rent_changes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_recurring_charge_id_recurring_charges_id_fk" FOREIGN KEY ("recurring_charge_id") REFERENCES "public"."recurring_charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_charges" ADD CONSTRAINT "recurring_charges_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_charges" ADD CONSTRAINT "recurring_charges_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_charges" ADD CONSTRAINT "recurring_charges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_disputes" ADD CONSTRAINT "deposit_disputes_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_disputes" ADD CONSTRAINT "deposit_disputes_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_disputes" ADD CONSTRAINT "deposit_disputes_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_disputes" ADD CONSTRAINT "deposit_disputes_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_evidence" ADD CONSTRAINT "deposit_evidence_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_evidence" ADD CONSTRAINT "deposit_evidence_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_evidence" ADD CONSTRAINT "deposit_evidence_movement_id_deposit_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."deposit_movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_evidence" ADD CONSTRAINT "deposit_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_fee_assessments" ADD CONSTRAINT "late_fee_assessments_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_fee_assessments" ADD CONSTRAINT "late_fee_assessments_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_corrections" ADD CONSTRAINT "payment_corrections_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_corrections" ADD CONSTRAINT "payment_corrections_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_corrections" ADD CONSTRAINT "payment_corrections_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_corrections" ADD CONSTRAINT "payment_corrections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "user_invites_token_key" ON "user_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "user_invites_user_idx" ON "user_invites" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lease_rent_changes_period_key" ON "lease_rent_changes" USING btree ("lease_id","effective_period");--> statement-breakpoint
CREATE UNIQUE INDEX "meter_readings_period_key" ON "meter_readings" USING btree ("recurring_charge_id","period");--> statement-breakpoint
CREATE INDEX "recurring_charges_lease_idx" ON "recurring_charges" USING btree ("lease_id");--> statement-breakpoint
CREATE INDEX "credit_notes_lease_idx" ON "credit_notes" USING btree ("lease_id");--> statement-breakpoint
CREATE INDEX "credit_notes_charge_idx" ON "credit_notes" USING btree ("charge_id");--> statement-breakpoint
CREATE INDEX "deposit_disputes_lease_idx" ON "deposit_disputes" USING btree ("lease_id");--> statement-breakpoint
CREATE INDEX "deposit_evidence_movement_idx" ON "deposit_evidence" USING btree ("movement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_corrections_payment_key" ON "payment_corrections" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_corrections_lease_idx" ON "payment_corrections" USING btree ("lease_id");--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_recurring_charge_id_recurring_charges_id_fk" FOREIGN KEY ("recurring_charge_id") REFERENCES "public"."recurring_charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_meter_reading_id_meter_readings_id_fk" FOREIGN KEY ("meter_reading_id") REFERENCES "public"."meter_readings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_paybill_key" ON "agencies" USING btree ("paybill_shortcode");--> statement-breakpoint
CREATE UNIQUE INDEX "users_agency_phone_key" ON "users" USING btree ("agency_id","phone") WHERE "users"."phone" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "properties_agency_code_key" ON "properties" USING btree ("agency_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "leases_live_account_reference_key" ON "leases" USING btree ("agency_id","account_reference") WHERE "leases"."status" in ('active', 'notice');--> statement-breakpoint
CREATE UNIQUE INDEX "leases_one_live_per_unit" ON "leases" USING btree ("unit_id") WHERE "leases"."status" in ('active', 'notice');--> statement-breakpoint
CREATE INDEX "leases_account_reference_idx" ON "leases" USING btree ("account_reference");--> statement-breakpoint
CREATE INDEX "leases_rent_due_idx" ON "leases" USING btree ("next_rent_charge_at") WHERE "leases"."status" in ('active', 'notice');--> statement-breakpoint
CREATE UNIQUE INDEX "charges_rent_period_key" ON "charges" USING btree ("lease_id","period") WHERE "charges"."kind" = 'rent';--> statement-breakpoint
CREATE UNIQUE INDEX "charges_late_fee_period_key" ON "charges" USING btree ("lease_id","period") WHERE "charges"."kind" = 'late_fee';--> statement-breakpoint
CREATE UNIQUE INDEX "charges_deposit_key" ON "charges" USING btree ("lease_id") WHERE "charges"."kind" = 'deposit';--> statement-breakpoint
CREATE UNIQUE INDEX "charges_recurring_period_key" ON "charges" USING btree ("recurring_charge_id","period") WHERE "charges"."recurring_charge_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "deposit_movements_corrects_key" ON "deposit_movements" USING btree ("corrects_id");--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_late_fee_kind" CHECK ("agencies"."late_fee_kind" in ('none', 'fixed', 'percent'));--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_late_fee_values" CHECK ("agencies"."late_fee_fixed_cents" >= 0 and "agencies"."late_fee_percent_bps" between 0 and 10000 and "agencies"."late_fee_after_days" between 0 and 60);--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_billing_days" CHECK ("agencies"."default_billing_day" between 1 and 28 and "agencies"."default_due_day" between 1 and 28);--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_commission_range" CHECK ("agencies"."default_commission_bps" between 0 and 10000);--> statement-breakpoint
ALTER TABLE "properties" ADD CONSTRAINT "properties_commission_range" CHECK ("properties"."commission_bps" between 0 and 10000);--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_status_values" CHECK ("units"."status" in ('vacant', 'let', 'unavailable'));--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_money_positive" CHECK ("units"."market_rent_cents" > 0 and "units"."deposit_cents" >= 0);--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_billing_day_range" CHECK ("leases"."billing_day" between 1 and 28);--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_status_values" CHECK ("leases"."status" in ('draft', 'active', 'notice', 'ended'));--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_dates_ordered" CHECK ("leases"."end_date" is null or "leases"."end_date" >= "leases"."start_date");--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_kind_values" CHECK ("charges"."kind" in ('rent', 'deposit', 'late_fee', 'recurring', 'other'));--> statement-breakpoint
DROP TYPE "public"."lease_status";--> statement-breakpoint
DROP TYPE "public"."charge_kind";