-- Data for the columns added in 0001, for databases that already hold an agency (the demo or a real one).

-- Property codes: the first letters of the name's words (Kilimani Heights → KH), made unique per agency.
UPDATE "properties" p SET "code" = c.code FROM (
  SELECT id, CASE WHEN row_number() OVER (PARTITION BY agency_id, base ORDER BY created_at, id) = 1 THEN base
    ELSE base || row_number() OVER (PARTITION BY agency_id, base ORDER BY created_at, id) END AS code
  FROM (
    SELECT id, agency_id, created_at,
      coalesce(nullif(upper(left(regexp_replace(initcap(name), '[^A-Z]', '', 'g'), 4)), ''), 'P') AS base
    FROM "properties"
  ) named
) c WHERE c.id = p.id AND p."code" IS NULL;--> statement-breakpoint

-- A unit's deposit defaults to a month's rent; a unit with a lease in force is let.
UPDATE "units" SET "deposit_cents" = "market_rent_cents" WHERE "deposit_cents" = 0;--> statement-breakpoint
UPDATE "units" u SET "status" = 'let' WHERE EXISTS (SELECT 1 FROM "leases" l WHERE l.unit_id = u.id AND l.status IN ('active', 'notice'));--> statement-breakpoint
UPDATE "leases" SET "status" = 'draft' WHERE "status" = 'pending';--> statement-breakpoint
UPDATE "leases" SET "activated_at" = "created_at" WHERE "status" IN ('active', 'notice', 'ended') AND "activated_at" IS NULL;--> statement-breakpoint

-- The rent sweep picks up active leases after the last period they were charged (Nairobi midnight of the
-- billing day, 21:00 UTC the day before).
UPDATE "leases" l SET "next_rent_charge_at" = (
  make_date(extract(year FROM n.next)::int, extract(month FROM n.next)::int, l.billing_day)::timestamp - interval '3 hours'
) AT TIME ZONE 'UTC'
FROM (
  SELECT l2.id, coalesce(
    (SELECT to_date(max(c.period), 'YYYY-MM') + interval '1 month' FROM "charges" c WHERE c.lease_id = l2.id AND c.kind = 'rent'),
    date_trunc('month', l2.start_date)
  ) AS next
  FROM "leases" l2
) n
WHERE n.id = l.id AND l.status IN ('active', 'notice') AND l.next_rent_charge_at IS NULL;--> statement-breakpoint

-- A deposit received through its charge is now derived from the payments allocated to that charge, so the
-- `received` movement that recorded the same money is dropped (it would count the deposit twice).
DELETE FROM "deposit_movements" m WHERE m.kind = 'received' AND m.b2c_transaction_id IS NULL
  AND EXISTS (SELECT 1 FROM "charges" c WHERE c.lease_id = m.lease_id AND c.kind = 'deposit');--> statement-breakpoint

-- Reversed payments become correction entries.
INSERT INTO "payment_corrections" ("agency_id", "lease_id", "payment_id", "kind", "reason", "effective_at")
SELECT p.agency_id, p.lease_id, p.id, 'mpesa_reversal', 'Reversed on M-Pesa', coalesce(p.reversed_at, p.created_at)
FROM "payments" p WHERE p.status = 'reversed'
ON CONFLICT DO NOTHING;
