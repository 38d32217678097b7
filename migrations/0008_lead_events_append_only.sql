-- lead_events is the lead's history: rows are appended, never changed or removed. A deliberate
-- erasure (a data-subject request) may delete after `SET LOCAL inlet.erasure = 'on'`.
CREATE OR REPLACE FUNCTION inlet_lead_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('inlet.erasure', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'lead_events is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER lead_events_append_only BEFORE UPDATE OR DELETE ON lead_events
  FOR EACH ROW EXECUTE FUNCTION inlet_lead_events_append_only();
