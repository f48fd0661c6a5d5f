-- 0012: the API and webhooks: API keys (hashed), idempotency records, webhook endpoints, events and the delivery outbox.
-- Started from 'dotnet run --project src/AdPolicy.Web -- schema-script'; the schema test keeps it equal to the model.

CREATE TABLE webhook_events (
    id uuid NOT NULL,
    type character varying(60) NOT NULL,
    organisation_id uuid,
    occurred_at timestamp with time zone NOT NULL,
    payload jsonb NOT NULL,
    CONSTRAINT pk_webhook_events PRIMARY KEY (id)
);

CREATE TABLE api_keys (
    id uuid NOT NULL,
    organisation_id uuid,
    name character varying(100) NOT NULL,
    prefix character varying(12) NOT NULL,
    hash character varying(64) NOT NULL,
    scopes text[] NOT NULL,
    created_by_id uuid NOT NULL,
    created_by_name character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_api_keys PRIMARY KEY (id),
    CONSTRAINT fk_api_keys_organisations_organisation_id FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE
);

CREATE TABLE webhook_endpoints (
    id uuid NOT NULL,
    organisation_id uuid,
    url character varying(2000) NOT NULL,
    description character varying(200) NOT NULL,
    events text[] NOT NULL,
    secret_protected text NOT NULL,
    previous_secret_protected text,
    previous_secret_expires_at timestamp with time zone,
    created_by_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    disabled_at timestamp with time zone,
    CONSTRAINT pk_webhook_endpoints PRIMARY KEY (id),
    CONSTRAINT fk_webhook_endpoints_organisations_organisation_id FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE
);

CREATE TABLE api_idempotency_keys (
    api_key_id uuid NOT NULL,
    key character varying(200) NOT NULL,
    request_hash character varying(64) NOT NULL,
    status_code integer,
    response_body text,
    resource_id uuid,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_api_idempotency_keys PRIMARY KEY (api_key_id, key),
    CONSTRAINT fk_api_idempotency_keys_api_keys_api_key_id FOREIGN KEY (api_key_id) REFERENCES api_keys (id) ON DELETE CASCADE
);

CREATE TABLE webhook_deliveries (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    endpoint_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    attempt_count integer NOT NULL,
    delivered_at timestamp with time zone,
    gave_up_at timestamp with time zone,
    locked_until timestamp with time zone,
    last_status_code integer,
    last_error character varying(1000),
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
    CONSTRAINT fk_webhook_deliveries_webhook_endpoints_endpoint_id FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    CONSTRAINT fk_webhook_deliveries_webhook_events_event_id FOREIGN KEY (event_id) REFERENCES webhook_events (id) ON DELETE CASCADE
);

CREATE TABLE webhook_attempts (
    id uuid NOT NULL,
    delivery_id uuid NOT NULL,
    number integer NOT NULL,
    attempted_at timestamp with time zone NOT NULL,
    status_code integer,
    error character varying(1000),
    duration_ms integer NOT NULL,
    CONSTRAINT pk_webhook_attempts PRIMARY KEY (id),
    CONSTRAINT fk_webhook_attempts_webhook_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES webhook_deliveries (id) ON DELETE CASCADE
);

CREATE INDEX ix_api_idempotency_keys_resource_id ON api_idempotency_keys (resource_id);
CREATE UNIQUE INDEX ix_api_keys_hash ON api_keys (hash);
CREATE INDEX ix_api_keys_organisation_id_created_at ON api_keys (organisation_id, created_at);
CREATE UNIQUE INDEX ix_webhook_attempts_delivery_id_number ON webhook_attempts (delivery_id, number);
CREATE INDEX ix_webhook_deliveries_endpoint_id_created_at_id ON webhook_deliveries (endpoint_id, created_at, id);
CREATE UNIQUE INDEX ix_webhook_deliveries_endpoint_id_event_id ON webhook_deliveries (endpoint_id, event_id);
CREATE INDEX ix_webhook_deliveries_event_id ON webhook_deliveries (event_id);
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
CREATE INDEX ix_webhook_endpoints_organisation_id ON webhook_endpoints (organisation_id) WHERE disabled_at IS NULL;
