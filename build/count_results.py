#!/usr/bin/env python3
"""Sums test outcomes from ctest JUnit files and a TRX file: prints "passed failed skipped"."""
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        failed += 1  # a suite that wrote no readable results counts as a failure
        continue
    if root.tag.endswith("TestRun"):  # TRX: one UnitTestResult per test, outcome attribute
        for r in root.iter():
            if r.tag.endswith("UnitTestResult"):
                o = r.get("outcome", "")
                if o == "Passed":
                    passed += 1
                elif o in ("NotExecuted", "Inconclusive"):
                    skipped += 1
                else:
                    failed += 1
    else:  # JUnit from ctest: <testcase status="run|fail|notrun|disabled">
        for t in root.iter("testcase"):
            s = t.get("status", "")
            if s == "run" and t.find("failure") is None:
                passed += 1
            elif s in ("notrun", "disabled"):
                skipped += 1
            else:
                failed += 1
print(passed, failed, skipped)
