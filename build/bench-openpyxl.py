#!/usr/bin/python3
"""Comparison for BENCHMARKS.md "Budget import": Debian's python3-openpyxl reading the generated
100,000-line budget sheet in read_only mode and inserting every data row into sqlite3 in one
transaction with one prepared statement, no validation (what the Go floor does).

Usage: /usr/bin/time -v /usr/bin/python3 build/bench-openpyxl.py /tmp/bench100k.xlsx
The sheet is the one BenchmarkImportBudget100k generates; keep it with
SHEQU_BENCH_SHEET=/tmp/bench100k.xlsx when running the Go benchmark.
"""
import datetime
import os
import sqlite3
import sys
import tempfile
import time

import openpyxl


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench-openpyxl.py SHEET.xlsx")
    path = sys.argv[1]
    tmp = tempfile.mkdtemp()
    db = sqlite3.connect(os.path.join(tmp, "openpyxl.db"), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE lines (township TEXT, village TEXT, category TEXT, item TEXT, amount TEXT, note TEXT, created_at TIMESTAMP)")
    start = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb["Sheet1"]
    ws.reset_dimensions()  # excelize's StreamWriter writes no reliable <dimension>
    db.execute("BEGIN")
    sql = "INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?, ?)"
    n = 0
    for i, row in enumerate(ws.iter_rows(values_only=True)):
        if i < 2 or len(row) < 5:
            continue
        c = list(row) + [None, None]
        db.execute(sql, (c[0], c[1], c[2], c[3], None if c[4] is None else str(c[4]), c[5],
                         datetime.datetime.now().isoformat(" ")))
        n += 1
    db.execute("COMMIT")
    wb.close()
    elapsed = time.perf_counter() - start
    db.close()
    print(f"openpyxl {openpyxl.__version__}: {n} rows in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
