-- 0005: the deadline service: the shared demo clock offset (used only where DemoClock:Enabled is true).

CREATE TABLE demo_clock_offsets (
    id integer NOT NULL,
    offset_seconds bigint NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    changed_by character varying(200) NOT NULL,
    CONSTRAINT pk_demo_clock_offsets PRIMARY KEY (id),
    CONSTRAINT ck_demo_clock_offsets_single_row CHECK (id = 1)
);
