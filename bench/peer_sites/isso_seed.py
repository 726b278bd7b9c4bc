"""Run with Isso's Python: create its database and threads, and seed comments in bulk.

Usage: python isso_seed.py CONFIG URI=COUNT [URI=COUNT ...]. Every fifth comment answers an
earlier one, as in `gazette bench_data`. Comments are stored as Isso stores them (Markdown
source, accepted mode); Isso renders them when they are read.
"""

import random
import sqlite3
import sys
import time

from isso import config
from isso.db import SQLite3
from isso.utils import Bloomfilter

WORDS = (
    "council budget river harbour station market school clinic bridge tram election court "
    "museum stadium water housing rent energy grid farmers festival library police weather"
).split()
NAMES = ["Ana Lima", "Tomasz W.", "Grace O.", "Reza", "Mei Chen", "Jonas Berg", "Priya N."]


def main(path, *threads):
    conf = config.load(config.default_file(), path)
    db_path = conf.get("general", "dbpath")
    SQLite3(db_path, conf)  # creates the schema
    rng = random.Random(5)
    voters = memoryview(Bloomfilter(iterable=["127.0.0.1"]).array)
    serial = 0
    with sqlite3.connect(db_path) as db:
        for spec in threads:
            uri, count = spec.rsplit("=", 1)
            db.execute("INSERT INTO threads (uri, title) VALUES (?, ?)", (uri, f"Thread {uri}"))
            tid = db.execute("SELECT id FROM threads WHERE uri = ?", (uri,)).fetchone()[0]
            roots = []
            moment = time.time() - 86400
            for number in range(int(count)):
                serial += 1
                moment += 1
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
                text = f"{words.capitalize()}. *{rng.choice(WORDS)}* #{serial}"
                parent = rng.choice(roots) if number and number % 5 == 0 else None
                cursor = db.execute(
                    "INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, "
                    "text, author, email, website, voters, notification) "
                    "VALUES (?, ?, ?, NULL, 1, '127.0.0.0', ?, ?, NULL, NULL, ?, 0)",
                    (tid, parent, moment, text, rng.choice(NAMES), voters),
                )
                if parent is None:
                    roots.append(cursor.lastrowid)
    print("seeded", serial)


if __name__ == "__main__":
    main(*sys.argv[1:])
