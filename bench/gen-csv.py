#!/usr/bin/env python3
# gen-csv.py
#
# Copyright 2026 The Custody authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark data for custodyctl, in the CSV formats of cli.md.

    gen-csv.py locations                      setup commands, one per line, tab-separated
    gen-csv.py jobs       --jobs N            jobs CSV: N jobs x 3 copies
    gen-csv.py media      --jobs N            media CSV: the tape volumes of those jobs
    gen-csv.py executions --jobs N --executions M [--end TIME]
                                              executions CSV: M runs over the year before TIME
    gen-csv.py verify     --jobs N [--end TIME] [--verify-jobs K]
                                              setup commands: a restore test for the copies
                                              of the first K jobs

Each job has three copies: "nas" (disk, on-site repository), "tape" (tape; where it is
comes from its volumes) and "cloud" (object storage, off-site repository, immutable).
Tape runs name one or two of the job's own VOLUMES_PER_JOB volumes, round robin.
Executions are sorted by start time, as a backup tool's export would be; each copy's
runs are evenly spread over the year and its newest finishes inside its RPO (except
for 3% of copies, stale by days). Statuses are about 90% success, 6% warning, 4%
failed. Every row has a unique run_id. Output is deterministic for (--seed, --end, sizes).

Python 3 standard library only.
"""

import argparse
import csv
import datetime
import random
import sys

HOUR = 3600
DAY = 86400
YEAR = 365 * DAY
VOLUMES_PER_JOB = 4
DEFAULT_END = "2026-11-20T00:00:00Z"

LOCATIONS = [
    ("Server room NAS", "onsite-repo"),
    ("Tape library", "library"),
    ("Operator shelf", "onsite-shelf"),
    ("Courier", "transit"),
    ("Iron vault", "offsite-vault"),
    ("Cloud eu-west", "offsite-repo"),
    ("Shredder", "destroyed"),
]

COPIES = [
    # name, media_type, location, immutable, air_gapped
    ("nas", "disk", "Server room NAS", "false", "false"),
    ("tape", "tape", "", "false", "false"),
    ("cloud", "object-storage", "Cloud eu-west", "true", "false"),
]

OWNERS = ["Aiko Tanaka", "Ben Okafor", "Carla Ruiz", "Dmitri Volkov", "Emma Lindqvist",
          "Farid Haddad"]
SOURCES = ["db", "vm", "fileshare", "mail", "app", "k8s"]
MASK64 = (1 << 64) - 1


def parse_time(text):
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def fmt(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def mix(x):
    """splitmix64: a deterministic hash for per-row attributes."""
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


def job_name(j):
    return "job-%05d" % j


def volser(v):
    # A00000L9 .. Z99999L9: 2.6 million labels, valid LTO-9 volsers.
    return "%s%05dL9" % (chr(ord("A") + v // 100000), v % 100000)


def job_params(rng_seed, j):
    h = mix(rng_seed * 1000003 + j)
    rpo = (24, 24, 24, 24, 12, 48)[h % 6]
    verify = (30, 30, 90)[(h >> 8) % 3]
    return rpo, verify, OWNERS[(h >> 16) % len(OWNERS)], SOURCES[(h >> 24) % len(SOURCES)]


def cmd_locations(args, out):
    for name, kind in LOCATIONS:
        out.write("\t".join(["location", "add", name, "--kind", kind]) + "\n")


def cmd_jobs(args, out):
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["job", "source", "owner", "rpo_hours", "verify_days", "copy", "media_type",
                "location", "immutable", "air_gapped"])
    for j in range(args.jobs):
        rpo, verify, owner, source = job_params(args.seed, j)
        name = job_name(j)
        for copy, media_type, location, immutable, air_gapped in COPIES:
            w.writerow([name, "%s://%s" % (source, name), owner, rpo, verify, copy, media_type,
                        location, immutable, air_gapped])


def cmd_media(args, out):
    rng = random.Random(args.seed * 7 + 1)
    end = parse_time(args.end)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["volser", "type", "pool", "location", "retention_until", "worm"])
    for v in range(args.jobs * VOLUMES_PER_JOB):
        r = rng.random()
        if r < 0.80:
            location = "Iron vault"
        elif r < 0.95:
            location = "Tape library"
        elif r < 0.98:
            location = "Courier"
        elif r < 0.995:
            location = "Operator shelf"
        else:
            location = "Shredder"
        pool = ("Daily", "Weekly", "Monthly")[v % 3]
        retention = fmt(end + rng.randrange(30, 3 * 365) * DAY)
        w.writerow([volser(v), "LTO-9", pool, location, retention,
                    "true" if rng.random() < 0.1 else "false"])


def cmd_verify(args, out):
    end = parse_time(args.end)
    rng = random.Random(args.seed * 11 + 3)
    for j in range(min(args.jobs, args.verify_jobs)):
        for copy, _, _, _, _ in COPIES:
            at = end - rng.randrange(1, 40) * DAY
            r = rng.random()
            result = "passed" if r < 0.92 else "failed"
            errors = "0" if r < 0.97 else str(rng.randrange(1, 9))
            out.write("\t".join(["verify", job_name(j), copy, "--result", result,
                                 "--kind", "restore-test", "--errors", errors,
                                 "--at", fmt(at), "--by", "bench"]) + "\n")


def cmd_executions(args, out):
    n_copies = args.jobs * len(COPIES)
    if n_copies == 0:
        sys.exit("gen-csv.py: no jobs")
    end = parse_time(args.end)
    rng = random.Random(args.seed)
    base, extra = divmod(args.executions, n_copies)

    # One int per run: started << 24 | copy index. Sorting them orders the file by
    # start time; the rest of a row is a hash of the key, so 1M runs fit in memory.
    keys = []
    for c in range(n_copies):
        k = base + (1 if c < extra else 0)
        if k == 0:
            continue
        # 3% of copies stopped running some days ago (stale: invalid).
        stale = rng.randrange(2, 15) * DAY if rng.random() < 0.03 else 0
        # The newest run starts 4.5 h to 0.8 RPO before the end; runs take 10 min to
        # 4 h 10 min, so it finishes before the end and inside the RPO.
        rpo = job_params(args.seed, c // len(COPIES))[0]
        newest = end - stale - rng.randrange(9 * HOUR // 2, rpo * HOUR * 4 // 5)
        interval = max(YEAR // k, 60)
        for i in range(k):
            started = newest - (k - 1 - i) * interval - (rng.randrange(0, 1800) if i < k - 1 else 0)
            keys.append(started << 24 | c)
    keys.sort()

    w = csv.writer(out, lineterminator="\n")
    w.writerow(["job", "copy", "started", "finished", "status", "bytes", "files", "volumes",
                "run_id", "message"])
    run_no = [0] * n_copies
    seed_mix = mix(args.seed)
    for row, key in enumerate(keys, 1):
        started = key >> 24
        c = key & 0xFFFFFF
        j, ci = divmod(c, len(COPIES))
        copy, media_type = COPIES[ci][0], COPIES[ci][1]
        h = mix(key ^ seed_mix)
        p = h % 100
        if p < 90:
            status, message = "success", ""
        elif p < 96:
            status, message = "warning", "%d files skipped (locked)" % (1 + (h >> 8) % 40)
        else:
            status, message = "failed", "connection reset by peer" if (h >> 8) & 1 else "target full"
        duration = 600 + (h >> 12) % (4 * HOUR)
        size = 1_000_000_000 + (h >> 20) % 500_000_000_000
        files = 1000 + (h >> 24) % 2_000_000
        volumes = ""
        if media_type == "tape":
            n = run_no[c]
            first = j * VOLUMES_PER_JOB + n % VOLUMES_PER_JOB
            if (h >> 40) % 5 == 0:   # a fifth of tape runs span two volumes
                second = j * VOLUMES_PER_JOB + (n + 1) % VOLUMES_PER_JOB
                volumes = volser(first) + ";" + volser(second)
            else:
                volumes = volser(first)
        run_no[c] += 1
        w.writerow([job_name(j), copy, fmt(started), fmt(started + duration), status,
                    size if status != "failed" else "", files if status != "failed" else "",
                    volumes, "run-%08d" % row, message])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["locations", "jobs", "media", "executions", "verify"])
    parser.add_argument("--jobs", type=int, default=10000)
    parser.add_argument("--executions", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", default=DEFAULT_END,
                        help="newest moment of the data, ISO 8601 with Z (default %(default)s)")
    parser.add_argument("--verify-jobs", type=int, default=100,
                        help="verify: how many jobs get restore tests (default %(default)s)")
    parser.add_argument("-o", "--output", help="file to write (default stdout)")
    args = parser.parse_args()
    if args.jobs < 0 or args.executions < 0:
        parser.error("sizes cannot be negative")
    if args.jobs * VOLUMES_PER_JOB > 26 * 100000:
        parser.error("at most %d jobs" % (26 * 100000 // VOLUMES_PER_JOB))

    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout
    try:
        {"locations": cmd_locations, "jobs": cmd_jobs, "media": cmd_media,
         "executions": cmd_executions, "verify": cmd_verify}[args.what](args, out)
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        # A reader such as head(1) stopped early: not an error of ours.
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
