CREATE TABLE "lead_journeys" (
	"lead_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"channels" text[] NOT NULL,
	"sources" text[] NOT NULL,
	"mediums" text[] NOT NULL,
	"campaigns" text[] NOT NULL,
	"landing_pages" text[] NOT NULL,
	"ages_ms" double precision[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lead_journeys" ADD CONSTRAINT "lead_journeys_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_journeys" ADD CONSTRAINT "lead_journeys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The journeys are kept by triggers so that every writer of touchpoints (the submission path, bulk
-- imports, the demo seed, SQL loads) keeps them right without knowing of them. Statement-level with
-- transition tables: a bulk insert rebuilds each touched lead once, not once per row.
CREATE FUNCTION lead_journeys_refresh(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_journeys WHERE lead_id = ANY(ids);
  -- The credited touches (at or before the lead's creation, its conversion), ordered as the report
  -- ranks them: position, then id (the same text key as before, so ties break the same way).
  INSERT INTO lead_journeys (lead_id, tenant_id, channels, sources, mediums, campaigns, landing_pages, ages_ms)
  SELECT l.id, l.tenant_id,
    array_agg(tp.channel ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
    array_agg(tp.source ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
    array_agg(tp.medium ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
    array_agg(tp.campaign ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
    array_agg(tp.landing_page ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
    array_agg((extract(epoch from (l.created_at - tp.occurred_at)) * 1000)::float8 ORDER BY lpad(tp.position::text, 10, '0') || tp.id)
  FROM leads l JOIN touchpoints tp ON tp.tenant_id = l.tenant_id AND tp.lead_id = l.id AND tp.occurred_at <= l.created_at
  WHERE l.id = ANY(ids)
  GROUP BY l.id, l.tenant_id;
END $$;
--> statement-breakpoint
CREATE FUNCTION lead_journeys_touch_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lead_journeys_refresh(array(SELECT DISTINCT lead_id FROM changed_touches WHERE lead_id IS NOT NULL));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION lead_journeys_touch_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lead_journeys_refresh(array(
    SELECT lead_id FROM changed_touches WHERE lead_id IS NOT NULL
    UNION SELECT lead_id FROM old_touches WHERE lead_id IS NOT NULL));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER touchpoints_journeys_insert AFTER INSERT ON touchpoints
  REFERENCING NEW TABLE AS changed_touches FOR EACH STATEMENT EXECUTE FUNCTION lead_journeys_touch_changed();
--> statement-breakpoint
CREATE TRIGGER touchpoints_journeys_delete AFTER DELETE ON touchpoints
  REFERENCING OLD TABLE AS changed_touches FOR EACH STATEMENT EXECUTE FUNCTION lead_journeys_touch_changed();
--> statement-breakpoint
CREATE TRIGGER touchpoints_journeys_update AFTER UPDATE ON touchpoints
  REFERENCING OLD TABLE AS old_touches NEW TABLE AS changed_touches FOR EACH STATEMENT EXECUTE FUNCTION lead_journeys_touch_moved();
--> statement-breakpoint
-- A lead whose conversion time moves (an import correcting created_at) gets its journey again.
CREATE FUNCTION lead_journeys_lead_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lead_journeys_refresh(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leads_journeys_created_at AFTER UPDATE OF created_at ON leads
  FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at) EXECUTE FUNCTION lead_journeys_lead_moved();
--> statement-breakpoint
-- Backfill: every lead with credited touches today, in one pass.
INSERT INTO lead_journeys (lead_id, tenant_id, channels, sources, mediums, campaigns, landing_pages, ages_ms)
SELECT l.id, l.tenant_id,
  array_agg(tp.channel ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
  array_agg(tp.source ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
  array_agg(tp.medium ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
  array_agg(tp.campaign ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
  array_agg(tp.landing_page ORDER BY lpad(tp.position::text, 10, '0') || tp.id),
  array_agg((extract(epoch from (l.created_at - tp.occurred_at)) * 1000)::float8 ORDER BY lpad(tp.position::text, 10, '0') || tp.id)
FROM leads l JOIN touchpoints tp ON tp.tenant_id = l.tenant_id AND tp.lead_id = l.id AND tp.occurred_at <= l.created_at
GROUP BY l.id, l.tenant_id;
