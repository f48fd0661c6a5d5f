-- 0007: complaint and review timelines get the per-case sequence refund timelines have (0001), so the events of one
-- action (an uphold that also enforces a missed deadline) keep their order although they share a time.

ALTER TABLE ace_complaints ADD COLUMN event_count integer NOT NULL DEFAULT 0;
ALTER TABLE ace_complaints ALTER COLUMN event_count DROP DEFAULT;
ALTER TABLE review_requests ADD COLUMN event_count integer NOT NULL DEFAULT 0;
ALTER TABLE review_requests ALTER COLUMN event_count DROP DEFAULT;
ALTER TABLE ace_complaint_events ADD COLUMN sequence integer NOT NULL DEFAULT 0;
ALTER TABLE ace_complaint_events ALTER COLUMN sequence DROP DEFAULT;
ALTER TABLE review_events ADD COLUMN sequence integer NOT NULL DEFAULT 0;
ALTER TABLE review_events ALTER COLUMN sequence DROP DEFAULT;

-- Number the events already stored in the order they were recorded (the append-only guard steps aside for this once).
ALTER TABLE ace_complaint_events DISABLE TRIGGER ace_complaint_events_append_only;
UPDATE ace_complaint_events e SET sequence = n.rn
FROM (SELECT id, row_number() OVER (PARTITION BY complaint_id ORDER BY at, id) AS rn FROM ace_complaint_events) n
WHERE e.id = n.id;
ALTER TABLE ace_complaint_events ENABLE TRIGGER ace_complaint_events_append_only;
UPDATE review_events e SET sequence = n.rn
FROM (SELECT id, row_number() OVER (PARTITION BY review_request_id ORDER BY at, id) AS rn FROM review_events) n
WHERE e.id = n.id;
UPDATE ace_complaints c SET event_count = (SELECT count(*) FROM ace_complaint_events e WHERE e.complaint_id = c.id);
UPDATE review_requests r SET event_count = (SELECT count(*) FROM review_events e WHERE e.review_request_id = r.id);

DROP INDEX ix_ace_complaint_events_complaint_id_at;
DROP INDEX ix_review_events_review_request_id_at;
CREATE UNIQUE INDEX ix_ace_complaint_events_complaint_id_sequence ON ace_complaint_events (complaint_id, sequence);
CREATE UNIQUE INDEX ix_review_events_review_request_id_sequence ON review_events (review_request_id, sequence);
