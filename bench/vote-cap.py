#!/usr/bin/env python3
"""The per-address vote cap check, before and after migration 0011, as the votes from one address grow.

Builds two SQLite databases from the real migration scripts: one as of 0010 (the check counts the
address's Vote rows) and one with every script (the check reads one VoteAddressCount row). Each gets one
tool with N votes from one address hash, then the vote's lookup statement (as VoteRepository runs it,
before and after) is timed. Not a test: timings are not tests.

Usage: python3 bench/vote-cap.py [N ...]     (default: 0 65000 500000)
"""
import glob
import os
import sqlite3
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = sorted(glob.glob(os.path.join(ROOT, "src/AiCompare.Data/Migrations/[0-9][0-9][0-9][0-9]_*.sql")))
CHECKS = 20000
SECONDS = 2.0  # a slow check is timed for this long instead of CHECKS times

BEFORE = """
SELECT t.Id AS ToolId, c.Slug AS CategorySlug,
       (SELECT Verdict FROM Vote WHERE ToolId = t.Id AND VoterId = :voter) AS Previous,
       (SELECT COUNT(*) FROM Vote WHERE ToolId = t.Id AND AddressHash = :address) AS FromAddress,
       COALESCE((SELECT Ships FROM VoteTally WHERE ToolId = t.Id), 0) AS Ships,
       COALESCE((SELECT Skips FROM VoteTally WHERE ToolId = t.Id), 0) AS Skips
FROM Tool t JOIN Category c ON c.Id = t.CategoryId
WHERE t.Slug = :slug AND t.IsPublished = 1
"""

AFTER = """
SELECT t.Id AS ToolId, c.Slug AS CategorySlug,
       (SELECT Verdict FROM Vote WHERE ToolId = t.Id AND VoterId = :voter) AS Previous,
       COALESCE((SELECT Voters FROM VoteAddressCount WHERE ToolId = t.Id AND AddressHash = :address), 0) AS FromAddress,
       COALESCE((SELECT Ships FROM VoteTally WHERE ToolId = t.Id), 0) AS Ships,
       COALESCE((SELECT Skips FROM VoteTally WHERE ToolId = t.Id), 0) AS Skips
FROM Tool t JOIN Category c ON c.Id = t.CategoryId
WHERE t.Slug = :slug AND t.IsPublished = 1
"""


def build(path, upto, votes):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    for script in SCRIPTS:
        if int(os.path.basename(script)[:4]) < 11:
            db.executescript(open(script, encoding="utf-8").read())
    db.execute("INSERT INTO Category (Id, Slug, Name) VALUES (1, 'bench', 'Bench')")
    db.execute("""INSERT INTO Tool (Id, Slug, Name, Tagline, CategoryId, PricingEntry, PricingSummary, CreatedAt, UpdatedAt)
                  VALUES (1, 'bench-tool', 'Bench Tool', 'Bench', 1, 'free', 'Free', '2026-01-01', '2026-01-01')""")
    db.execute("BEGIN")
    db.executemany("INSERT INTO Vote (ToolId, VoterId, AddressHash, Verdict, CreatedAt, UpdatedAt) VALUES (1, ?, 'address', 'ship', '2026-01-01', '2026-01-01')",
                   ((f"voter-{i:016d}",) for i in range(votes)))
    db.execute("INSERT INTO VoteTally (ToolId, Ships, Skips) VALUES (1, ?, 0)", (votes,))
    db.execute("COMMIT")
    # The rest of the scripts, 0011 (the count table and its backfill) first.
    for script in SCRIPTS:
        if int(os.path.basename(script)[:4]) >= 11 and upto >= 11:
            db.executescript(open(script, encoding="utf-8").read())
    return db


def measure(db, sql):
    args = {"slug": "bench-tool", "voter": "someone-new", "address": "address"}
    db.execute(sql, args).fetchall()
    started = time.perf_counter()
    done = 0
    while done < CHECKS and time.perf_counter() - started < SECONDS:
        db.execute(sql, args).fetchall()
        done += 1
    return (time.perf_counter() - started) / done * 1e6


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [0, 65000, 500000]
    print(f"SQLite {sqlite3.sqlite_version}; up to {CHECKS} checks or {SECONDS:g} s each; microseconds per cap check")
    print(f"{'votes from the address':>24} {'0010: COUNT(*)':>16} {'0011: one row':>14}")
    with tempfile.TemporaryDirectory() as work:
        for n in sizes:
            before = build(os.path.join(work, f"before-{n}.db"), 10, n)
            after = build(os.path.join(work, f"after-{n}.db"), 11, n)
            assert after.execute("SELECT Voters FROM VoteAddressCount").fetchone() == ((n,) if n else None)
            print(f"{n:>24} {measure(before, BEFORE):>16.1f} {measure(after, AFTER):>14.1f}")
            before.close()
            after.close()


if __name__ == "__main__":
    main()
