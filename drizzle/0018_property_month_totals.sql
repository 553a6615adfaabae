CREATE TABLE "property_month_totals" (
	"property_id" uuid NOT NULL,
	"period" text NOT NULL,
	"entry" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"cents" bigint DEFAULT 0 NOT NULL,
	"payments" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "property_month_totals_property_id_period_entry_pk" PRIMARY KEY("property_id","period","entry")
);
--> statement-breakpoint
ALTER TABLE "property_month_totals" ADD CONSTRAINT "property_month_totals_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_month_totals" ADD CONSTRAINT "property_month_totals_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "property_month_totals_agency_period_idx" ON "property_month_totals" USING btree ("agency_id","period");--> statement-breakpoint
-- Hand-written, as 0017: kept by statement-level triggers in the transaction of every write to the ledger. Each row of
-- a statement becomes (lease, month, entry, cents, payments); the lease gives the property (a unit never changes
-- property); the change is summed per (property, month, entry) and added in key order.
-- A charge counts net of its credit notes, so a charge whose due date is edited takes its waivers to the new month.
CREATE FUNCTION property_month_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  source text := CASE TG_TABLE_NAME
    WHEN 'charges' THEN
      'SELECT r.lease_id, to_char(r.due_date, ''YYYY-MM''), ''due'', r.amount_cents - coalesce((SELECT sum(n.amount_cents) FROM credit_notes n WHERE n.charge_id = r.id), 0), 0 FROM %s r'
    WHEN 'credit_notes' THEN
      'SELECT r.lease_id, to_char(c.due_date, ''YYYY-MM''), ''due'', -r.amount_cents, 0 FROM %s r JOIN charges c ON c.id = r.charge_id'
    ELSE
      'SELECT r.lease_id, to_char(r.paid_at AT TIME ZONE ''Africa/Nairobi'', ''YYYY-MM''), r.method::text, r.amount_cents, 1 FROM %s r WHERE r.status = ''completed'''
  END;
  entries text[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    entries := entries || format('SELECT * FROM (' || source || ') AS x(lease_id, period, entry, cents, n)', 'new_rows');
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    entries := entries || format('SELECT lease_id, period, entry, -cents, -n FROM (' || source || ') AS x(lease_id, period, entry, cents, n)', 'old_rows');
  END IF;
  EXECUTE format(
    'INSERT INTO property_month_totals AS t (property_id, period, entry, agency_id, cents, payments)
       SELECT u.property_id, e.period, e.entry, (array_agg(l.agency_id))[1], sum(e.cents)::bigint, sum(e.n)::int
       FROM (%s) AS e(lease_id, period, entry, cents, n) JOIN leases l ON l.id = e.lease_id JOIN units u ON u.id = l.unit_id
       GROUP BY u.property_id, e.period, e.entry HAVING sum(e.cents) <> 0 OR sum(e.n) <> 0
       ORDER BY 1, 2, 3
     ON CONFLICT (property_id, period, entry) DO UPDATE SET cents = t.cents + excluded.cents, payments = t.payments + excluded.payments',
    array_to_string(entries, ' UNION ALL '));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER charges_month_insert AFTER INSERT ON charges REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION property_month_totals_add();--> statement-breakpoint
CREATE TRIGGER charges_month_update AFTER UPDATE ON charges REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION property_month_totals_add();--> statement-breakpoint
CREATE TRIGGER charges_month_delete AFTER DELETE ON charges REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION property_month_totals_add();--> statement-breakpoint
CREATE TRIGGER credit_notes_month_insert AFTER INSERT ON credit_notes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION property_month_totals_add();--> statement-breakpoint
CREATE TRIGGER credit_notes_month_update AFTER UPDATE ON credit_notes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION property_month_totals_add();--> statement-breakpoint
CREATE TRIGGER credit_notes_month_delete AFTER DELETE ON credit_notes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION property_month_totals_add();--> statement-breakpoint
CREATE TRIGGER payments_month_insert AFTER INSERT ON payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION property_month_totals_add();--> statement-breakpoint
CREATE TRIGGER payments_month_update AFTER UPDATE ON payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION property_month_totals_add();--> statement-breakpoint
CREATE TRIGGER payments_month_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION property_month_totals_add();--> statement-breakpoint
-- What is in the books already.
INSERT INTO property_month_totals (property_id, period, entry, agency_id, cents, payments)
SELECT u.property_id, e.period, e.entry, (array_agg(l.agency_id))[1], sum(e.cents)::bigint, sum(e.n)::int
FROM (
  SELECT lease_id, to_char(due_date, 'YYYY-MM') AS period, 'due' AS entry, amount_cents AS cents, 0 AS n FROM charges
  UNION ALL SELECT r.lease_id, to_char(c.due_date, 'YYYY-MM'), 'due', -r.amount_cents, 0 FROM credit_notes r JOIN charges c ON c.id = r.charge_id
  UNION ALL SELECT lease_id, to_char(paid_at AT TIME ZONE 'Africa/Nairobi', 'YYYY-MM'), method::text, amount_cents, 1 FROM payments WHERE status = 'completed'
) e JOIN leases l ON l.id = e.lease_id JOIN units u ON u.id = l.unit_id
GROUP BY u.property_id, e.period, e.entry
HAVING sum(e.cents) <> 0 OR sum(e.n) <> 0;
