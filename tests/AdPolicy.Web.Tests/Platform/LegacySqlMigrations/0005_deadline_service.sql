-- 0005: the deadline service: the shared demo clock offset (used only where DemoClock:Enabled is true)
-- and the record of announced suspension endings.

CREATE TABLE demo_clock_offsets (
    id integer NOT NULL,
    offset_seconds bigint NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    changed_by character varying(200) NOT NULL,
    CONSTRAINT pk_demo_clock_offsets PRIMARY KEY (id),
    CONSTRAINT ck_demo_clock_offsets_single_row CHECK (id = 1)
);

-- Each temporary suspension's end is announced once (the key is the account and the end time).
CREATE TABLE suspension_endings (
    ad_account_id uuid NOT NULL,
    ended_at timestamp with time zone NOT NULL,
    notified_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_suspension_endings PRIMARY KEY (ad_account_id, ended_at)
);
