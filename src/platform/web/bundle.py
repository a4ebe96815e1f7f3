#!/usr/bin/python3
"""Build-time helpers for the web bundle in dist/ (called by this folder's CMakeLists.txt).

  bundle.py gzip FILE...   writes FILE.gz beside each file (gzip -9, no name or time stamp, so
                           builds are reproducible); the server sends it to browsers that accept
                           gzip.
  bundle.py report DIST    prints the download sizes of the app (wasm, js, data; raw and gzip)
                           and checks them against the budget of 450 KB compressed in total.
"""

import gzip
import os
import sys

BUDGET_BYTES = 450 * 1024
APP_FILES = ["switchboard.wasm", "switchboard.js", "switchboard.data"]


def gzip_files(paths):
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        data = gzip.compress(raw, compresslevel=9, mtime=0)
        tmp = path + ".gz.tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path + ".gz")


def kb(n):
    return f"{n / 1024:8.1f} KB"


def report(dist):
    total_raw = total_gz = 0
    lines = ["Web bundle (" + dist + "):", f"  {'file':<20}{'raw':>11}{'gzip':>11}"]
    for name in APP_FILES:
        path = os.path.join(dist, name)
        if not os.path.isfile(path):
            sys.exit(f"bundle.py: {path} is missing")
        raw = os.path.getsize(path)
        gz = os.path.getsize(path + ".gz") if os.path.isfile(path + ".gz") else raw
        total_raw += raw
        total_gz += gz
        lines.append(f"  {name:<20}{kb(raw):>11}{kb(gz):>11}")
    lines.append(f"  {'total':<20}{kb(total_raw):>11}{kb(total_gz):>11}")
    verdict = "within" if total_gz <= BUDGET_BYTES else "OVER"
    lines.append(f"  budget {BUDGET_BYTES // 1024} KB compressed: {verdict} "
                 f"({100 * total_gz / BUDGET_BYTES:.0f}% used)")
    print("\n".join(lines))


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "gzip":
        gzip_files(sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
