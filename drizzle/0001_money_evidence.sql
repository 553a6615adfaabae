ALTER TYPE "public"."mpesa_balance_status" ADD VALUE 'QUEUED' BEFORE 'PENDING';--> statement-breakpoint
CREATE TABLE "mpesa_receipt_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt" text NOT NULL,
	"agency_id" uuid,
	"shortcode" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"source" text NOT NULL,
	"claimed_amount_cents" bigint,
	"claimed_account_reference" text,
	"claimed_push_id" uuid,
	"amount_cents" bigint,
	"payer_msisdn" text,
	"payer_name" text,
	"reason_type" text,
	"route" text,
	"transaction_status" text,
	"merchant_request_id" text,
	"completed_at" timestamp with time zone,
	"evidence" jsonb,
	"resolution" text,
	"payment_id" uuid,
	"review_reason" text,
	"query_count" integer DEFAULT 0 NOT NULL,
	"last_queried_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mpesa_status_queries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid,
	"shortcode" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"transaction_id" text,
	"original_conversation_id" text,
	"occasion" text NOT NULL,
	"status" text DEFAULT 'QUEUED' NOT NULL,
	"conversation_id" text,
	"originator_conversation_id" text,
	"result_code" text,
	"result_description" text,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "callback_inbox_unprocessed_idx";--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD COLUMN "reported_outcome" text;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD COLUMN "reported_result_code" text;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD COLUMN "reported_result_description" text;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD COLUMN "needs_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mpesa_b2c_transactions" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "mpesa_balance_checks" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD COLUMN "reported_outcome" text;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD COLUMN "reported_result_code" text;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD COLUMN "reported_result_description" text;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD COLUMN "needs_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mpesa_reversals" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "mpesa_transactions" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mpesa_transactions" ADD COLUMN "claimed_receipt" text;--> statement-breakpoint
ALTER TABLE "callback_inbox" ADD COLUMN "agency_id" uuid;--> statement-breakpoint
ALTER TABLE "callback_inbox" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "callback_inbox" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "callback_inbox" ADD COLUMN "failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "callback_inbox" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "mpesa_receipt_checks" ADD CONSTRAINT "mpesa_receipt_checks_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_receipt_checks" ADD CONSTRAINT "mpesa_receipt_checks_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_status_queries" ADD CONSTRAINT "mpesa_status_queries_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_receipt_checks_receipt_key" ON "mpesa_receipt_checks" USING btree ("receipt");--> statement-breakpoint
CREATE INDEX "mpesa_receipt_checks_pending_idx" ON "mpesa_receipt_checks" USING btree ("last_queried_at") WHERE "mpesa_receipt_checks"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "mpesa_receipt_checks_agency_created_idx" ON "mpesa_receipt_checks" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "mpesa_receipt_checks_attention_idx" ON "mpesa_receipt_checks" USING btree ("agency_id","created_at") WHERE "mpesa_receipt_checks"."resolution" in ('unmatched', 'refuted', 'review') or "mpesa_receipt_checks"."status" in ('NOT_FOUND', 'UNRESOLVED');--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_status_queries_conversation_key" ON "mpesa_status_queries" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "mpesa_status_queries_originator_idx" ON "mpesa_status_queries" USING btree ("originator_conversation_id");--> statement-breakpoint
CREATE INDEX "mpesa_status_queries_target_idx" ON "mpesa_status_queries" USING btree ("target_kind","target_id","created_at");--> statement-breakpoint
CREATE INDEX "mpesa_c2b_confirmations_agency_created_idx" ON "mpesa_c2b_confirmations" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "mpesa_transactions_lease_created_idx" ON "mpesa_transactions" USING btree ("lease_id","created_at");--> statement-breakpoint
CREATE INDEX "mpesa_transactions_merchant_idx" ON "mpesa_transactions" USING btree ("merchant_request_id");--> statement-breakpoint
CREATE INDEX "mpesa_transactions_review_idx" ON "mpesa_transactions" USING btree ("agency_id","created_at") WHERE "mpesa_transactions"."needs_review";--> statement-breakpoint
CREATE INDEX "callback_inbox_due_idx" ON "callback_inbox" USING btree ("next_attempt_at") WHERE "callback_inbox"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "callback_inbox_agency_received_idx" ON "callback_inbox" USING btree ("agency_id","received_at");--> statement-breakpoint
CREATE INDEX "callback_inbox_attention_idx" ON "callback_inbox" USING btree ("outcome","received_at") WHERE "callback_inbox"."outcome" in ('dead', 'unmatched', 'invalid', 'refuted', 'mismatch');