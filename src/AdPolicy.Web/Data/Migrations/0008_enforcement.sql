-- 0008: enforcement that takes effect everywhere, and staff who can correct it (issue 9).

-- Violations are numbered (VI-1001) before anything quotes them; staff record where a penalty came from (a refused
-- refund or return) and may lift or shorten the sanction resting on one.
CREATE SEQUENCE violation_number_seq START WITH 1001 INCREMENT BY 1 NO CYCLE;
ALTER TABLE violations ADD COLUMN number bigint NOT NULL DEFAULT (nextval('violation_number_seq'));
ALTER TABLE violations ADD COLUMN penalty_from_refused_refund boolean NOT NULL DEFAULT false;
ALTER TABLE violations ALTER COLUMN penalty_from_refused_refund DROP DEFAULT;
ALTER TABLE violations ADD COLUMN sanction_ends_at timestamp with time zone;
ALTER TABLE violations ADD COLUMN sanction_changed_at timestamp with time zone;
ALTER TABLE violations ADD COLUMN sanction_changed_by_name character varying(200);
ALTER TABLE violations ADD COLUMN sanction_change_reason character varying(1000);
CREATE UNIQUE INDEX ix_violations_number ON violations (number);

-- A missed deadline's sanction says why it was lifted or shortened.
ALTER TABLE ace_deadline_sanctions ADD COLUMN lift_reason character varying(1000);

-- A promotion the platform stopped remembers what it was, and which missed deadline cancelled it, so lifting restores it.
ALTER TABLE promotions ADD COLUMN status_before_stop character varying(40);
ALTER TABLE promotions ADD COLUMN cancelled_for_deadline_id uuid;
CREATE INDEX ix_promotions_cancelled_for_deadline_id ON promotions (cancelled_for_deadline_id);
UPDATE promotions p SET cancelled_for_deadline_id = s.deadline_id, status_before_stop = 'Active'
FROM ace_deadline_sanctions s
JOIN ace_deadlines d ON d.id = s.deadline_id
JOIN ace_complaints c ON c.id = d.complaint_id
WHERE s.sanction = 'CancelAdPlan' AND s.lifted_at IS NULL AND p.id = c.promotion_id AND p.status = 'Cancelled';

-- An account's enforcement history and audit trail (append-only).
CREATE TABLE ace_enforcement_events (
    id uuid NOT NULL,
    ad_account_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    actor_id uuid,
    actor_name character varying(200) NOT NULL,
    actor_kind character varying(40) NOT NULL,
    at timestamp with time zone NOT NULL,
    text character varying(4000) NOT NULL,
    reason character varying(1000),
    violation_id uuid,
    complaint_id uuid,
    CONSTRAINT pk_ace_enforcement_events PRIMARY KEY (id),
    CONSTRAINT fk_ace_enforcement_events_ad_accounts_ad_account_id FOREIGN KEY (ad_account_id) REFERENCES ad_accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_ace_enforcement_events_ad_account_id_at ON ace_enforcement_events (ad_account_id, at);
CREATE TRIGGER ace_enforcement_events_append_only
    BEFORE UPDATE OR DELETE ON ace_enforcement_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_audit_row();

-- When the standing sweep should next look at an account (oldest due first); every account with a record is due now.
CREATE TABLE ace_standing_checks (
    ad_account_id uuid NOT NULL,
    due_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_ace_standing_checks PRIMARY KEY (ad_account_id),
    CONSTRAINT fk_ace_standing_checks_ad_accounts_ad_account_id FOREIGN KEY (ad_account_id) REFERENCES ad_accounts (id) ON DELETE CASCADE
);
CREATE INDEX ix_ace_standing_checks_due_at_ad_account_id ON ace_standing_checks (due_at, ad_account_id);
INSERT INTO ace_standing_checks (ad_account_id, due_at)
SELECT ad_account_id, min(recorded_at) FROM violations WHERE status = 'Active' GROUP BY ad_account_id;

-- A complaint overdue for review sorts above every other case in the default queue order (see QueueItem.SortKey).
UPDATE queue_items SET sort_due = coalesce(clock_due_at, filed_at) - interval '365000 days' WHERE overdue_for_review;
