-- 0010: the desk (issue 14). A search box over the queue, saved views per member of staff, honest response clocks and
-- the dashboard's figures.

-- Search: one lower-cased text per queue row (reference, advertiser, campaign and ad ids, complainant email), matched
-- as substrings through a trigram index and as words through a full-text index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE queue_items ADD COLUMN search_text character varying(2000) NOT NULL DEFAULT '';
ALTER TABLE queue_items ALTER COLUMN search_text DROP DEFAULT;

-- The rows already in the queue get their text from their cases (the projection writes it from now on).
UPDATE queue_items q SET search_text = lower(left(concat_ws(' ', q.reference, o.name, p.external_campaign_id,
        (SELECT string_agg(a.external_ad_id, ' ' ORDER BY a.external_ad_id) FROM ads a WHERE a.promotion_id = p.id)), 2000))
FROM refund_requests r
JOIN promotions p ON p.id = r.promotion_id
JOIN organisations o ON o.id = r.organisation_id
WHERE q.case_id = r.id;

UPDATE queue_items q SET search_text = lower(left(concat_ws(' ', q.reference, o.name, p.external_campaign_id,
        (SELECT string_agg(a.external_ad_id, ' ' ORDER BY a.external_ad_id) FROM ads a
         WHERE (c.ad_id IS NULL AND a.promotion_id = p.id) OR a.id = c.ad_id),
        c.complainant_email), 2000))
FROM ace_complaints c
JOIN promotions p ON p.id = c.promotion_id
JOIN organisations o ON o.id = c.organisation_id
WHERE q.case_id = c.id;

UPDATE queue_items q SET search_text = lower(concat_ws(' ', q.reference, o.name))
FROM organisations o
WHERE o.id = q.organisation_id AND q.search_text = '';

ALTER TABLE queue_items ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED NOT NULL;

CREATE INDEX ix_queue_items_search_trgm ON queue_items USING gin (search_text gin_trgm_ops);
CREATE INDEX ix_queue_items_search_words ON queue_items USING gin (search_vector);

CREATE TABLE saved_views (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    name character varying(80) NOT NULL,
    query character varying(1000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_saved_views PRIMARY KEY (id),
    CONSTRAINT fk_saved_views_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_saved_views_user_id_name ON saved_views (user_id, name);

-- Response clocks: whether the case still waits for its first response in this round, and the first response itself
-- (when, and whether it met the target running then) for the dashboard.
ALTER TABLE refund_requests ADD COLUMN staff_responded_at timestamp with time zone;
ALTER TABLE refund_requests ADD COLUMN first_response_at timestamp with time zone;
ALTER TABLE refund_requests ADD COLUMN first_response_met boolean;

-- Cases already answered: their first staff answer from the timeline, judged against the first-response target of the
-- policy version in force when they were filed (the pauses of the past are not replayed).
UPDATE refund_requests r SET first_response_at = e.at,
       first_response_met = e.at <= r.filed_at + make_interval(hours => coalesce(
           (SELECT (v.settings ->> 'FirstResponseHours')::int FROM policy_versions v
            WHERE v.effective_from <= r.filed_at ORDER BY v.version DESC LIMIT 1),
           (SELECT (v.settings ->> 'FirstResponseHours')::int FROM policy_versions v ORDER BY v.version LIMIT 1),
           48))
FROM (SELECT refund_request_id, min(at) AS at FROM refund_events
      WHERE kind IN ('StaffReplied', 'InformationRequested', 'Approved', 'PartiallyApproved', 'Denied')
      GROUP BY refund_request_id) e
WHERE e.refund_request_id = r.id;
UPDATE refund_requests r SET staff_responded_at = coalesce(
        (SELECT max(at) FROM refund_events e WHERE e.refund_request_id = r.id
           AND e.kind IN ('StaffReplied', 'InformationRequested', 'Approved', 'PartiallyApproved', 'Denied')
           AND e.at >= coalesce((SELECT max(d.at) FROM refund_events d WHERE d.refund_request_id = r.id AND d.kind = 'Disputed'), '-infinity')),
        NULL);

CREATE INDEX ix_refund_requests_first_response_at ON refund_requests (first_response_at);
CREATE INDEX ix_refund_requests_decided_at ON refund_requests (decided_at);

-- The dashboard: each weekly figure is found through an index on the column that dates it.
CREATE INDEX ix_ace_complaints_decided_at ON ace_complaints (decided_at);
CREATE INDEX ix_ace_deadlines_due_at ON ace_deadlines (due_at);
CREATE INDEX ix_ledger_entries_at ON ledger_entries (at);
