ALTER TABLE "agencies" ADD COLUMN "low_balance_threshold_cents" bigint DEFAULT 1000000 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_low_balance_threshold" CHECK ("agencies"."low_balance_threshold_cents" >= 0);--> statement-breakpoint
-- Keep what each agency had: the low-balance alert used the payout approval threshold until now.
UPDATE "agencies" SET "low_balance_threshold_cents" = "payout_approval_threshold_cents";
