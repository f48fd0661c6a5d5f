-- 0004: ACE compliance: complaints and their timeline, violations, deadlines and the sanctions for missed ones.
-- Started from 'dotnet run --project src/AdPolicy.Web -- schema-script'; the schema test keeps it equal to the model.
-- No account status column: the standing is always derived from these records (SanctionLadder).

CREATE SEQUENCE ace_complaint_number_seq START WITH 1001 INCREMENT BY 1 NO CYCLE;

CREATE TABLE ace_complaints (
    id uuid NOT NULL,
    number bigint NOT NULL DEFAULT (nextval('ace_complaint_number_seq')),
    type character varying(40) NOT NULL,
    category character varying(40) NOT NULL,
    organisation_id uuid NOT NULL,
    ad_account_id uuid NOT NULL,
    promotion_id uuid NOT NULL,
    ad_id uuid,
    complainant_name character varying(200) NOT NULL,
    complainant_email character varying(320) NOT NULL,
    complainant_organisation character varying(200),
    complainant_role character varying(40) NOT NULL,
    right_concerned character varying(1000),
    description character varying(4000) NOT NULL,
    filed_at timestamp with time zone NOT NULL,
    status character varying(40) NOT NULL,
    assignee_id uuid,
    assignee_name character varying(200),
    decided_by_id uuid,
    decided_by_name character varying(200),
    decided_at timestamp with time zone,
    decision_reason character varying(4000),
    tier character varying(40),
    decision_policy_version integer,
    violation_id uuid,
    withdrawn_at timestamp with time zone,
    tracking_token_hash character(64) NOT NULL,
    tracking_revoked_at timestamp with time zone,
    overdue_for_review boolean NOT NULL,
    overdue_for_review_at timestamp with time zone,
    first_cooperation_message_at timestamp with time zone,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_ace_complaints PRIMARY KEY (id),
    CONSTRAINT fk_ace_complaints_ad_accounts_ad_account_id FOREIGN KEY (ad_account_id) REFERENCES ad_accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_ace_complaints_promotions_promotion_id FOREIGN KEY (promotion_id) REFERENCES promotions (id) ON DELETE RESTRICT
);

CREATE TABLE ace_complaint_events (
    id uuid NOT NULL,
    complaint_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    actor_id uuid,
    actor_name character varying(200) NOT NULL,
    actor_kind character varying(40) NOT NULL,
    at timestamp with time zone NOT NULL,
    from_status character varying(40),
    to_status character varying(40),
    text character varying(8000),
    is_internal boolean NOT NULL,
    visible_to_complainant boolean NOT NULL,
    CONSTRAINT pk_ace_complaint_events PRIMARY KEY (id),
    CONSTRAINT fk_ace_complaint_events_ace_complaints_complaint_id FOREIGN KEY (complaint_id) REFERENCES ace_complaints (id) ON DELETE RESTRICT
);

CREATE TABLE violations (
    id uuid NOT NULL,
    ad_account_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    complaint_id uuid,
    ad_id uuid,
    category character varying(40) NOT NULL,
    tier character varying(40) NOT NULL,
    is_strike boolean NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    recorded_by_id uuid,
    recorded_by_name character varying(200) NOT NULL,
    notified_at timestamp with time zone,
    reason character varying(4000) NOT NULL,
    status character varying(40) NOT NULL,
    removed_at timestamp with time zone,
    removed_reason character varying(1000),
    strike_cleared_at timestamp with time zone,
    CONSTRAINT pk_violations PRIMARY KEY (id),
    CONSTRAINT fk_violations_ace_complaints_complaint_id FOREIGN KEY (complaint_id) REFERENCES ace_complaints (id) ON DELETE RESTRICT,
    CONSTRAINT fk_violations_ad_accounts_ad_account_id FOREIGN KEY (ad_account_id) REFERENCES ad_accounts (id) ON DELETE RESTRICT
);

CREATE TABLE ace_deadlines (
    id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    ad_account_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    complaint_id uuid,
    violation_id uuid,
    ad_id uuid,
    starts_at timestamp with time zone NOT NULL,
    due_at timestamp with time zone NOT NULL,
    state character varying(40) NOT NULL,
    ended_at timestamp with time zone,
    outcome character varying(2000),
    reminder_sent_at timestamp with time zone,
    CONSTRAINT pk_ace_deadlines PRIMARY KEY (id),
    CONSTRAINT fk_ace_deadlines_ace_complaints_complaint_id FOREIGN KEY (complaint_id) REFERENCES ace_complaints (id) ON DELETE RESTRICT,
    CONSTRAINT fk_ace_deadlines_ad_accounts_ad_account_id FOREIGN KEY (ad_account_id) REFERENCES ad_accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_ace_deadlines_violations_violation_id FOREIGN KEY (violation_id) REFERENCES violations (id) ON DELETE RESTRICT
);

CREATE TABLE ace_deadline_sanctions (
    deadline_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    sanction character varying(40) NOT NULL,
    imposed_at timestamp with time zone NOT NULL,
    lifted_at timestamp with time zone,
    CONSTRAINT pk_ace_deadline_sanctions PRIMARY KEY (deadline_id),
    CONSTRAINT fk_ace_deadline_sanctions_ace_deadlines_deadline_id FOREIGN KEY (deadline_id) REFERENCES ace_deadlines (id) ON DELETE RESTRICT
);

CREATE INDEX ix_ace_complaint_events_complaint_id_at ON ace_complaint_events (complaint_id, at);

CREATE INDEX ix_ace_complaints_ad_account_id_filed_at ON ace_complaints (ad_account_id, filed_at);

CREATE INDEX ix_ace_complaints_filed_at ON ace_complaints (filed_at);

CREATE UNIQUE INDEX ix_ace_complaints_number ON ace_complaints (number);

CREATE INDEX ix_ace_complaints_organisation_id_filed_at ON ace_complaints (organisation_id, filed_at);

CREATE INDEX ix_ace_complaints_promotion_id ON ace_complaints (promotion_id);

CREATE UNIQUE INDEX ix_ace_complaints_tracking_token_hash ON ace_complaints (tracking_token_hash);

CREATE INDEX ix_ace_deadlines_ad_account_id_state_due_at ON ace_deadlines (ad_account_id, state, due_at);

CREATE INDEX ix_ace_deadlines_complaint_id ON ace_deadlines (complaint_id);

CREATE INDEX ix_ace_deadlines_state_due_at ON ace_deadlines (state, due_at);

CREATE INDEX ix_ace_deadlines_violation_id ON ace_deadlines (violation_id);

CREATE INDEX ix_violations_ad_account_id_recorded_at ON violations (ad_account_id, recorded_at);

CREATE INDEX ix_violations_complaint_id ON violations (complaint_id);


-- A complaint's timeline is its audit trail: rows are appended, never changed or removed.
CREATE TRIGGER ace_complaint_events_append_only
    BEFORE UPDATE OR DELETE ON ace_complaint_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_audit_row();
