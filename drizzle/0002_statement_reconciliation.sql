CREATE TABLE "mpesa_statement_cursors" (
	"shortcode" text PRIMARY KEY NOT NULL,
	"agency_id" uuid,
	"covered_until" timestamp with time zone,
	"running_until" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"registered_at" timestamp with time zone,
	"registration_status" text
);
--> statement-breakpoint
CREATE TABLE "mpesa_statement_rows" (
	"receipt" text PRIMARY KEY NOT NULL,
	"agency_id" uuid,
	"shortcode" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"msisdn" text,
	"sender" text,
	"bill_reference" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"transaction_type" text NOT NULL,
	"first_seen_run_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mpesa_statement_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid,
	"shortcode" text NOT NULL,
	"trigger" text NOT NULL,
	"window_from" timestamp with time zone NOT NULL,
	"window_to" timestamp with time zone NOT NULL,
	"outcome" text,
	"rows_seen" integer DEFAULT 0 NOT NULL,
	"rows_new" integer DEFAULT 0 NOT NULL,
	"receipts_claimed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "mpesa_statement_cursors" ADD CONSTRAINT "mpesa_statement_cursors_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_statement_rows" ADD CONSTRAINT "mpesa_statement_rows_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mpesa_statement_runs" ADD CONSTRAINT "mpesa_statement_runs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mpesa_statement_rows_agency_occurred_idx" ON "mpesa_statement_rows" USING btree ("agency_id","occurred_at");--> statement-breakpoint
CREATE INDEX "mpesa_statement_runs_agency_started_idx" ON "mpesa_statement_runs" USING btree ("agency_id","started_at");