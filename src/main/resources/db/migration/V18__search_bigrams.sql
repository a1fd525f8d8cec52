-- Chinese has no spaces: index every two neighbouring characters (督查, 查督, 督办) as a word, so that a
-- two-character term is one index lookup; Latin letters and digits stay whole words, lower-cased.
CREATE FUNCTION luoshi_bigrams(t text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    out text := '';
    run text := '';
    word text := '';
    c text;
    i int;
BEGIN
    FOR i IN 1 .. length(t) + 1 LOOP
        c := CASE WHEN i <= length(t) THEN substr(t, i, 1) ELSE ' ' END;
        IF c ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN
            IF word <> '' THEN out := out || ' ' || lower(word); word := ''; END IF;
            IF run <> '' THEN out := out || ' ' || right(run, 1) || c; END IF;
            run := run || c;
        ELSE
            IF length(run) = 1 THEN out := out || ' ' || run; END IF;
            run := '';
            IF c ~ '[[:alnum:]]' THEN
                word := word || c;
            ELSIF word <> '' THEN
                out := out || ' ' || lower(word); word := '';
            END IF;
        END IF;
    END LOOP;
    RETURN out;
END
$$;

CREATE INDEX item_search_idx ON item
    USING gin (to_tsvector('simple', luoshi_bigrams(title || ' ' || content)));
CREATE INDEX progress_report_search_idx ON progress_report
    USING gin (to_tsvector('simple', luoshi_bigrams(coalesce(narrative, '') || ' ' || coalesce(problems, '') || ' ' || coalesce(next_steps, ''))));
CREATE INDEX item_event_search_idx ON item_event
    USING gin (to_tsvector('simple', luoshi_bigrams(coalesce(text, ''))))
    WHERE type IN ('COMMENT', 'INSTRUCTION');
