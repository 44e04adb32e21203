CREATE TABLE "pending_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- hand-written: numbers committed pending events (src/live/event-log.ts). Under one advisory lock (two-key
-- space 7346/1, apart from the one-key locks of migrations and seed), every pending row committed so far
-- moves to `events` with the next seqs of its stream, in the order the rows were written (their id, so an
-- event written after another's transaction committed comes after it), and each stream's new head is
-- NOTIFYed. Called by every writer right after its commit and by each instance's safety poll (a writer
-- that died between its commit and this call loses nothing). Returns how many events it numbered.
CREATE OR REPLACE FUNCTION sequence_pending_events() RETURNS integer
  LANGUAGE plpgsql AS $$
DECLARE
  numbered integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pending_events) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(7346, 1);
  WITH moved AS (
    DELETE FROM pending_events RETURNING id, stream, type, data, actor_id, created_at
  ), counts AS (
    SELECT stream, count(*)::bigint AS n FROM moved GROUP BY stream
  ), bumped AS (
    INSERT INTO streams AS s (id, seq) SELECT stream, n FROM counts ORDER BY stream
    ON CONFLICT (id) DO UPDATE SET seq = s.seq + excluded.seq
    RETURNING id, seq
  ), numbered_rows AS (
    SELECT m.stream, m.type, m.data, m.actor_id, m.created_at,
           b.seq - c.n + row_number() OVER (PARTITION BY m.stream ORDER BY m.id) AS seq, b.seq AS last
    FROM moved m JOIN counts c ON c.stream = m.stream JOIN bumped b ON b.id = m.stream
  ), inserted AS (
    INSERT INTO events (stream, seq, type, data, actor_id, created_at)
    SELECT stream, seq, type, data, actor_id, created_at FROM numbered_rows
    RETURNING stream, seq
  )
  SELECT count(*) INTO numbered FROM (
    SELECT CASE WHEN n.seq = n.last THEN pg_notify('rt_events', n.stream || ' ' || n.seq) END FROM numbered_rows n
  ) x;
  RETURN numbered;
END
$$;
