CREATE TABLE "lease_ledger_totals" (
	"lease_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"charged_cents" bigint DEFAULT 0 NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"balance_cents" bigint GENERATED ALWAYS AS (charged_cents - paid_cents) STORED NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lease_ledger_totals" ADD CONSTRAINT "lease_ledger_totals_lease_id_leases_id_fk" FOREIGN KEY ("lease_id") REFERENCES "public"."leases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lease_ledger_totals" ADD CONSTRAINT "lease_ledger_totals_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lease_ledger_totals_owing_idx" ON "lease_ledger_totals" USING btree ("agency_id","balance_cents" DESC NULLS FIRST,"lease_id" DESC NULLS FIRST) WHERE balance_cents > 0;--> statement-breakpoint
-- Hand-written: the totals are kept by the database itself, in the transaction of every write to the ledger, so no
-- code path (ledger, rent sweep, seed, a person with psql) can leave them behind. Statement-level triggers with
-- transition tables add one aggregated change per lease and statement (a bulk insert of a million charges is one
-- grouped upsert, not a million), in lease-id order so two statements never lock the same totals in a cycle.
-- Postgres allows transition tables on single-event triggers only: three triggers per table share one function, which
-- builds its statement for the table and event (dynamic SQL sees the transition tables too).
CREATE FUNCTION lease_ledger_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- What one entry adds: charges to what is charged, credit notes take from it, completed payments to what is paid.
  charged text := CASE TG_TABLE_NAME WHEN 'charges' THEN 'amount_cents' WHEN 'credit_notes' THEN '-amount_cents' ELSE '0' END;
  paid text := CASE TG_TABLE_NAME WHEN 'payments' THEN 'CASE WHEN status = ''completed'' THEN amount_cents ELSE 0 END' ELSE '0' END;
  entries text[] := '{}';
BEGIN
  -- An UPDATE takes the old rows out and puts the new ones in (a payment reversed leaves what is paid).
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    entries := entries || format('SELECT lease_id, agency_id, %s, %s FROM new_rows', charged, paid);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    entries := entries || format('SELECT lease_id, agency_id, -(%s), -(%s) FROM old_rows', charged, paid);
  END IF;
  EXECUTE format(
    'INSERT INTO lease_ledger_totals AS t (lease_id, agency_id, charged_cents, paid_cents)
       SELECT lease_id, (array_agg(agency_id))[1], sum(charged)::bigint, sum(paid)::bigint
       FROM (%s) AS e(lease_id, agency_id, charged, paid)
       GROUP BY lease_id HAVING sum(charged) <> 0 OR sum(paid) <> 0
       ORDER BY lease_id
     ON CONFLICT (lease_id) DO UPDATE SET charged_cents = t.charged_cents + excluded.charged_cents, paid_cents = t.paid_cents + excluded.paid_cents',
    array_to_string(entries, ' UNION ALL '));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER charges_totals_insert AFTER INSERT ON charges REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lease_ledger_totals_add();--> statement-breakpoint
CREATE TRIGGER charges_totals_update AFTER UPDATE ON charges REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lease_ledger_totals_add();--> statement-breakpoint
CREATE TRIGGER charges_totals_delete AFTER DELETE ON charges REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lease_ledger_totals_add();--> statement-breakpoint
CREATE TRIGGER credit_notes_totals_insert AFTER INSERT ON credit_notes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lease_ledger_totals_add();--> statement-breakpoint
CREATE TRIGGER credit_notes_totals_update AFTER UPDATE ON credit_notes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lease_ledger_totals_add();--> statement-breakpoint
CREATE TRIGGER credit_notes_totals_delete AFTER DELETE ON credit_notes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lease_ledger_totals_add();--> statement-breakpoint
CREATE TRIGGER payments_totals_insert AFTER INSERT ON payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lease_ledger_totals_add();--> statement-breakpoint
CREATE TRIGGER payments_totals_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lease_ledger_totals_add();--> statement-breakpoint
CREATE TRIGGER payments_totals_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lease_ledger_totals_add();--> statement-breakpoint
-- What is in the books already.
INSERT INTO lease_ledger_totals (lease_id, agency_id, charged_cents, paid_cents)
SELECT e.lease_id, l.agency_id, sum(e.charged)::bigint, sum(e.paid)::bigint
FROM (
  SELECT lease_id, amount_cents AS charged, 0 AS paid FROM charges
  UNION ALL SELECT lease_id, -amount_cents, 0 FROM credit_notes
  UNION ALL SELECT lease_id, 0, amount_cents FROM payments WHERE status = 'completed'
) e JOIN leases l ON l.id = e.lease_id
GROUP BY e.lease_id, l.agency_id;
