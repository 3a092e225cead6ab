-- The inputs of the 3-2-1-1-0 engine for every copy of every job, at the
-- real clock, computed from the history in one statement (bench/run times it
-- against `custodyctl check`). Per copy: the job's RPO and verification
-- window; the copy's media type, location, immutable and air-gapped flags;
-- its latest success, warning and failed run finished by now; its latest
-- verification by now (a failure wins a tie); and for removable media, each
-- volume of the latest success and warning restore points with where it was
-- at that moment (its current location if it got there by now, else its
-- history).
WITH
now (t) AS (SELECT CAST (strftime ('%s', 'now') AS INTEGER)),
cp AS MATERIALIZED (
  SELECT j.name AS job, j.rpo_hours, j.verify_days,
         c.id AS copy_id, c.name AS copy, c.media_type, c.immutable, c.air_gapped,
         l.name AS location, l.kind AS location_kind,
         c.media_type IN ('tape', 'removable-disk', 'optical') AS removable,
         now.t AS t,
         (SELECT e.id FROM executions e
           WHERE e.copy_id = c.id AND e.status = 'success' AND e.finished <= now.t
           ORDER BY e.finished DESC LIMIT 1) AS success_id,
         (SELECT e.id FROM executions e
           WHERE e.copy_id = c.id AND e.status = 'warning' AND e.finished <= now.t
           ORDER BY e.finished DESC LIMIT 1) AS warning_id,
         (SELECT e.id FROM executions e
           WHERE e.copy_id = c.id AND e.status = 'failed' AND e.finished <= now.t
           ORDER BY e.finished DESC LIMIT 1) AS failed_id,
         (SELECT v.id FROM verifications v
           WHERE v.copy_id = c.id AND v.at <= now.t
           ORDER BY v.at DESC, v.result = 'passed' LIMIT 1) AS verification_id
    FROM now
    JOIN jobs j ON j.created_at <= now.t
    LEFT JOIN copies c ON c.job_id = j.id AND c.created_at <= now.t
    LEFT JOIN locations l ON l.id = c.location_id
)
SELECT cp.job, cp.rpo_hours, cp.verify_days, cp.copy, cp.media_type, cp.location,
       cp.location_kind, cp.immutable, cp.air_gapped,
       s.started, s.finished, w.started, w.finished, f.started, f.finished,
       v.at, v.result, v.errors,
       CASE WHEN cp.removable THEN
         (SELECT group_concat (m.volser || '@' || coalesce (vl.name, '') || '/'
                               || coalesce (vl.kind, '') || '/' || m.worm, ';')
            FROM execution_volumes ev
            JOIN media m ON m.id = ev.media_id
            LEFT JOIN movements cur ON cur.id = m.movement_id
            LEFT JOIN locations vl ON vl.id =
              CASE WHEN cur.at <= cp.t THEN cur.to_location_id ELSE
                (SELECT h.to_location_id FROM movements h
                  WHERE h.media_id = m.id AND h.at <= cp.t
                  ORDER BY h.at DESC, h.id DESC LIMIT 1) END
           WHERE ev.execution_id = cp.success_id) END AS success_volumes,
       CASE WHEN cp.removable THEN
         (SELECT group_concat (m.volser || '@' || coalesce (vl.name, '') || '/'
                               || coalesce (vl.kind, '') || '/' || m.worm, ';')
            FROM execution_volumes ev
            JOIN media m ON m.id = ev.media_id
            LEFT JOIN movements cur ON cur.id = m.movement_id
            LEFT JOIN locations vl ON vl.id =
              CASE WHEN cur.at <= cp.t THEN cur.to_location_id ELSE
                (SELECT h.to_location_id FROM movements h
                  WHERE h.media_id = m.id AND h.at <= cp.t
                  ORDER BY h.at DESC, h.id DESC LIMIT 1) END
           WHERE ev.execution_id = cp.warning_id) END AS warning_volumes
  FROM cp
  LEFT JOIN executions s ON s.id = cp.success_id
  LEFT JOIN executions w ON w.id = cp.warning_id
  LEFT JOIN executions f ON f.id = cp.failed_id
  LEFT JOIN verifications v ON v.id = cp.verification_id
 ORDER BY cp.job, cp.copy;
