-- The same engine inputs as check-inputs.sql, but read from copy_state, the
-- per-copy cache of latest facts that custodyctl itself reads (valid here:
-- nothing in the store is dated after now). Informational: it shows how
-- much of custodyctl's time is SQL and how much is C.
WITH
now (t) AS (SELECT CAST (strftime ('%s', 'now') AS INTEGER))
SELECT j.name, j.rpo_hours, j.verify_days, c.name, c.media_type, l.name, l.kind,
       c.immutable, c.air_gapped, s.newest,
       s.success_started, s.success_finished, s.warning_started, s.warning_finished,
       s.failed_started, s.failed_finished,
       s.verified_at, s.verified_passed, s.verified_errors,
       CASE WHEN c.media_type IN ('tape', 'removable-disk', 'optical') THEN
         (SELECT group_concat (m.volser || '@' || coalesce (vl.name, '') || '/'
                               || coalesce (vl.kind, '') || '/' || m.worm, ';')
            FROM execution_volumes ev
            JOIN media m ON m.id = ev.media_id
            LEFT JOIN movements cur ON cur.id = m.movement_id
            LEFT JOIN locations vl ON vl.id =
              CASE WHEN cur.at <= now.t THEN cur.to_location_id ELSE
                (SELECT h.to_location_id FROM movements h
                  WHERE h.media_id = m.id AND h.at <= now.t
                  ORDER BY h.at DESC, h.id DESC LIMIT 1) END
           WHERE ev.execution_id = s.success_id) END,
       CASE WHEN c.media_type IN ('tape', 'removable-disk', 'optical') THEN
         (SELECT group_concat (m.volser || '@' || coalesce (vl.name, '') || '/'
                               || coalesce (vl.kind, '') || '/' || m.worm, ';')
            FROM execution_volumes ev
            JOIN media m ON m.id = ev.media_id
            LEFT JOIN movements cur ON cur.id = m.movement_id
            LEFT JOIN locations vl ON vl.id =
              CASE WHEN cur.at <= now.t THEN cur.to_location_id ELSE
                (SELECT h.to_location_id FROM movements h
                  WHERE h.media_id = m.id AND h.at <= now.t
                  ORDER BY h.at DESC, h.id DESC LIMIT 1) END
           WHERE ev.execution_id = s.warning_id) END
  FROM now
  JOIN jobs j ON j.created_at <= now.t
  LEFT JOIN copies c ON c.job_id = j.id AND c.created_at <= now.t
  LEFT JOIN locations l ON l.id = c.location_id
  LEFT JOIN copy_state s ON s.copy_id = c.id
 ORDER BY j.name, c.name;
