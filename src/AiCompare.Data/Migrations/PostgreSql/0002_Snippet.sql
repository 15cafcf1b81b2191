-- A search hit's snippet as SQLite's FTS5 snippet() gives it: a fragment of the description around the
-- first match (aic_headline), with "…" at either end where the fragment cuts words off the description.
-- What lies beyond an end without a letter or digit (a closing full stop) is kept instead.
CREATE FUNCTION aic_snippet(document text, query tsquery, options text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN at = 0 THEN marked
                ELSE CASE WHEN left(document, at - 1) ~ '[[:alnum:]]' THEN '…' ELSE left(document, at - 1) END
                     || marked
                     || CASE WHEN substr(document, at + length(plain)) ~ '[[:alnum:]]' THEN '…' ELSE substr(document, at + length(plain)) END
           END
    FROM (SELECT marked, plain, strpos(document, plain) AS at
          FROM (SELECT marked, replace(replace(marked, chr(1), ''), chr(2), '') AS plain
                FROM (SELECT aic_headline(document, query, options) AS marked) AS headline) AS fragment) AS placed
    $$;
