#!/usr/bin/env python3
"""Prints "PASSED FAILED SKIPPED" summed over JUnit XML reports (nextest, pytest, node --test).

Each <testcase> counts once: failed if it holds a <failure> or <error>, skipped if it holds
a <skipped>, passed otherwise. A report that is missing or cannot be parsed counts as one
failure and is named on stderr, so a runner that died before writing its report never
reads as a pass. Used by scripts/test; standard library only.

    scripts/junit_totals.py REPORT.xml [REPORT.xml ...]
"""

import sys
import xml.etree.ElementTree as ET


def totals(path: str) -> tuple[int, int, int]:
    """The (passed, failed, skipped) of one report; (0, 1, 0) when it is unreadable."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        print(f"junit_totals: {path}: {error}", file=sys.stderr)
        return 0, 1, 0
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        tags = {child.tag for child in case}
        if tags & {"failure", "error"}:
            failed += 1
        elif "skipped" in tags:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    passed = failed = skipped = 0
    for path in paths:
        p, f, s = totals(path)
        passed, failed, skipped = passed + p, failed + f, skipped + s
    print(passed, failed, skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
