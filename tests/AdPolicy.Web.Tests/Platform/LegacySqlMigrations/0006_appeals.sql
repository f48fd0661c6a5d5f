-- 0006: review requests (appeals): the request, its evidence checklist (one line per required kind, with the automatic
-- check's result and the reviewer's verdict) and its timeline. Evidence bytes stay in the evidence store; items point at
-- evidence_files rows. Started from 'dotnet run --project src/AdPolicy.Web -- schema-script'; the schema test keeps it equal to the model.

CREATE SEQUENCE review_request_number_seq START WITH 1001 INCREMENT BY 1 NO CYCLE;

CREATE TABLE review_requests (
    id uuid NOT NULL,
    number bigint NOT NULL DEFAULT (nextval('review_request_number_seq')),
    organisation_id uuid NOT NULL,
    ad_account_id uuid NOT NULL,
    subject_kind character varying(40) NOT NULL,
    subject_id uuid NOT NULL,
    issue_type character varying(40) NOT NULL,
    penalty_from_refused_refund boolean NOT NULL,
    statement character varying(4000) NOT NULL,
    status character varying(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by_id uuid NOT NULL,
    created_by_name character varying(200) NOT NULL,
    submitted_at timestamp with time zone,
    review_due_at timestamp with time zone,
    assignee_id uuid,
    assignee_name character varying(200),
    decided_by_id uuid,
    decided_by_name character varying(200),
    decided_at timestamp with time zone,
    decision_reason character varying(4000),
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_review_requests PRIMARY KEY (id),
    CONSTRAINT fk_review_requests_ad_accounts_ad_account_id FOREIGN KEY (ad_account_id) REFERENCES ad_accounts (id) ON DELETE RESTRICT
);

CREATE TABLE review_events (
    id uuid NOT NULL,
    review_request_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    actor_id uuid,
    actor_name character varying(200) NOT NULL,
    actor_kind character varying(40) NOT NULL,
    at timestamp with time zone NOT NULL,
    from_status character varying(40),
    to_status character varying(40),
    text character varying(8000),
    changes character varying(2000),
    CONSTRAINT pk_review_events PRIMARY KEY (id),
    CONSTRAINT fk_review_events_review_requests_review_request_id FOREIGN KEY (review_request_id) REFERENCES review_requests (id) ON DELETE RESTRICT
);

CREATE TABLE review_evidence_items (
    id uuid NOT NULL,
    review_request_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    evidence_file_id uuid,
    supporting_file_id uuid,
    certificate_authority character varying(200),
    certificate_number character varying(200),
    certificate_valid_from date,
    certificate_valid_to date,
    document_description character varying(2000),
    attached_at timestamp with time zone,
    attached_by_name character varying(200),
    check_passed boolean,
    check_summary character varying(4000),
    check_findings character varying(8000),
    verdict character varying(40) NOT NULL,
    verdict_note character varying(4000),
    reviewed_by_id uuid,
    reviewed_by_name character varying(200),
    reviewed_at timestamp with time zone,
    CONSTRAINT pk_review_evidence_items PRIMARY KEY (id),
    CONSTRAINT fk_review_evidence_items_evidence_files_evidence_file_id FOREIGN KEY (evidence_file_id) REFERENCES evidence_files (id) ON DELETE RESTRICT,
    CONSTRAINT fk_review_evidence_items_evidence_files_supporting_file_id FOREIGN KEY (supporting_file_id) REFERENCES evidence_files (id) ON DELETE RESTRICT,
    CONSTRAINT fk_review_evidence_items_review_requests_review_request_id FOREIGN KEY (review_request_id) REFERENCES review_requests (id) ON DELETE CASCADE
);

CREATE INDEX ix_review_events_review_request_id_at ON review_events (review_request_id, at);

CREATE INDEX ix_review_evidence_items_evidence_file_id ON review_evidence_items (evidence_file_id);

CREATE UNIQUE INDEX ix_review_evidence_items_review_request_id_kind ON review_evidence_items (review_request_id, kind);

CREATE INDEX ix_review_evidence_items_supporting_file_id ON review_evidence_items (supporting_file_id);

CREATE INDEX ix_review_requests_ad_account_id ON review_requests (ad_account_id);

CREATE UNIQUE INDEX ix_review_requests_number ON review_requests (number);

CREATE INDEX ix_review_requests_organisation_id_created_at ON review_requests (organisation_id, created_at);

CREATE INDEX ix_review_requests_subject_id_status ON review_requests (subject_id, status);
