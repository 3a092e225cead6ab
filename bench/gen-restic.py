#!/usr/bin/env python3
# gen-restic.py
#
# Copyright 2026 The Custody authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark data for `custodyctl import restic`: what `restic snapshots --json`
prints for a repository of N snapshots, in restic 0.19's format (with the
summary object of restic >= 0.17), one line as restic prints it.

    gen-restic.py --snapshots N [--seed S] [--end TIME] -o FILE

Snapshots are ten minutes apart, ending at TIME, from eight hosts, each with a
64-hex id and tree, a parent, tags and a summary of a one-to-three-minute
backup. Output is deterministic for (--seed, --end, --snapshots).

Python 3 standard library only.
"""

import argparse
import datetime
import json
import random
import sys


def rfc3339(ts, nanos):
    """restic's time: local time with nanoseconds and an offset (here +09:00)."""
    zone = datetime.timezone(datetime.timedelta(hours=9))
    dt = datetime.datetime.fromtimestamp(ts, zone)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + ".%09d+09:00" % nanos


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snapshots", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", default="2026-11-20T00:00:00Z")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    end = int(datetime.datetime.fromisoformat(args.end.replace("Z", "+00:00")).timestamp())
    start = end - args.snapshots * 600
    hosts = ["ws-%02d" % i for i in range(8)]
    snapshots = []
    parent = None

    for i in range(args.snapshots):
        t = start + i * 600
        duration = rng.randint(60, 180)
        nanos = rng.randrange(10 ** 9)
        files = rng.randint(1000, 50000)
        snap_id = "%064x" % rng.getrandbits(256)
        snapshot = {
            "time": rfc3339(t, nanos),
            "tree": "%064x" % rng.getrandbits(256),
            "paths": ["/srv/data", "/etc"],
            "hostname": hosts[i % len(hosts)],
            "username": "root",
            "uid": 0,
            "gid": 0,
            "tags": ["daily"],
            "program_version": "restic 0.19.1",
            "summary": {
                "backup_start": rfc3339(t, nanos),
                "backup_end": rfc3339(t + duration, (nanos + 12345) % 10 ** 9),
                "files_new": rng.randint(0, 100),
                "files_changed": rng.randint(0, 100),
                "files_unmodified": files,
                "dirs_new": 0,
                "dirs_changed": rng.randint(0, 10),
                "dirs_unmodified": 400,
                "data_blobs": rng.randint(0, 500),
                "tree_blobs": rng.randint(1, 20),
                "data_added": rng.randint(0, 10 ** 8),
                "data_added_packed": rng.randint(0, 10 ** 8),
                "total_files_processed": files + 200,
                "total_bytes_processed": rng.randint(10 ** 8, 10 ** 11),
            },
            "id": snap_id,
            "short_id": snap_id[:8],
        }
        if parent is not None:
            snapshot["parent"] = parent
        parent = snap_id
        snapshots.append(snapshot)

    with open(args.output, "w") as out:
        json.dump(snapshots, out, separators=(",", ":"))
        out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
