-- 0003: notifications: the in-app notification centre and the email outbox.
-- Started from 'dotnet run --project src/AdPolicy.Web -- schema-script'; the schema test keeps it equal to the model.

CREATE TABLE outbox_messages (
    id uuid NOT NULL,
    to_address character varying(320) NOT NULL,
    subject character varying(300) NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    attempts integer NOT NULL,
    sent_at timestamp with time zone,
    last_error character varying(2000),
    locked_until timestamp with time zone,
    CONSTRAINT pk_outbox_messages PRIMARY KEY (id)
);


CREATE TABLE notifications (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    title character varying(200) NOT NULL,
    body character varying(4000) NOT NULL,
    link character varying(500),
    created_at timestamp with time zone NOT NULL,
    read_at timestamp with time zone,
    CONSTRAINT pk_notifications PRIMARY KEY (id),
    CONSTRAINT fk_notifications_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);


CREATE INDEX ix_notifications_unread ON notifications (user_id, created_at) WHERE read_at IS NULL;
CREATE INDEX ix_notifications_user_id_created_at_id ON notifications (user_id, created_at, id);
CREATE INDEX ix_outbox_messages_sent_at_next_attempt_at ON outbox_messages (sent_at, next_attempt_at);
