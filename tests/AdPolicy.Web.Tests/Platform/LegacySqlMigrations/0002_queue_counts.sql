-- 0002: exact open-case counts per kind and status that stay cheap at any queue size.
-- Statement triggers on queue_items append deltas (no shared counter row to wait on or deadlock over);
-- fold_queue_count_deltas() moves them into queue_counts. A count is queue_counts plus the unfolded deltas.

CREATE TABLE queue_count_deltas (
    id bigint GENERATED ALWAYS AS IDENTITY,
    kind character varying(40) NOT NULL,
    status character varying(40) NOT NULL,
    delta integer NOT NULL,
    CONSTRAINT pk_queue_count_deltas PRIMARY KEY (id)
);

CREATE TABLE queue_counts (
    kind character varying(40) NOT NULL,
    status character varying(40) NOT NULL,
    cases bigint NOT NULL,
    CONSTRAINT pk_queue_counts PRIMARY KEY (kind, status)
);

INSERT INTO queue_counts (kind, status, cases)
SELECT kind, status, count(*) FROM queue_items GROUP BY kind, status;

CREATE FUNCTION queue_items_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO queue_count_deltas (kind, status, delta)
    SELECT kind, status, count(*)::integer FROM new_rows GROUP BY kind, status;
    RETURN NULL;
END;
$$;

CREATE FUNCTION queue_items_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO queue_count_deltas (kind, status, delta)
    SELECT kind, status, -count(*)::integer FROM old_rows GROUP BY kind, status;
    RETURN NULL;
END;
$$;

CREATE FUNCTION queue_items_count_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO queue_count_deltas (kind, status, delta)
    SELECT kind, status, sum(change)::integer
    FROM (SELECT kind, status, -1 AS change FROM old_rows
          UNION ALL
          SELECT kind, status, 1 FROM new_rows) moves
    GROUP BY kind, status
    HAVING sum(change) <> 0;
    RETURN NULL;
END;
$$;

CREATE TRIGGER queue_items_counted_on_insert AFTER INSERT ON queue_items
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION queue_items_count_inserted();
CREATE TRIGGER queue_items_counted_on_delete AFTER DELETE ON queue_items
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION queue_items_count_deleted();
CREATE TRIGGER queue_items_counted_on_update AFTER UPDATE ON queue_items
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION queue_items_count_updated();

-- Safe from several instances at once: each delta row is deleted (and so folded) by exactly one caller.
CREATE FUNCTION fold_queue_count_deltas() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    folded integer;
BEGIN
    WITH moved AS (DELETE FROM queue_count_deltas RETURNING kind, status, delta),
         sums AS (SELECT kind, status, sum(delta) AS cases, count(*) AS rows FROM moved GROUP BY kind, status),
         upserted AS (
            INSERT INTO queue_counts (kind, status, cases)
            SELECT kind, status, cases FROM sums
            ON CONFLICT (kind, status) DO UPDATE SET cases = queue_counts.cases + excluded.cases
            RETURNING 1)
    SELECT coalesce(sum(rows), 0)::integer INTO folded FROM sums;
    RETURN folded;
END;
$$;
