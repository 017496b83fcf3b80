#!/usr/bin/env python3
"""Prints, last in the CI log, every test that failed or errored and every test that passed only when
rerun (a flake), with its message, the top of its stack trace and the end of its output. CI logs are
often read from their tail only; this puts what matters there."""
import glob
import sys
import xml.etree.ElementTree as ET

STACK_LINES = 25
OUTPUT_LINES = 40


def tail(text, lines):
    parts = (text or "").strip().splitlines()
    return "\n".join(parts[-lines:])


def head(text, lines):
    parts = (text or "").strip().splitlines()
    return "\n".join(parts[:lines])


def main():
    reports = sorted(glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True)
                     + glob.glob("**/target/failsafe-reports/TEST-*.xml", recursive=True))
    failed, flaky = [], []
    for report in reports:
        try:
            suite = ET.parse(report).getroot()
        except ET.ParseError as e:
            failed.append((report, "(report unreadable)", "ParseError", str(e), "", ""))
            continue
        for case in suite.iter("testcase"):
            name = case.get("classname", "?") + "." + case.get("name", "?")
            for kind in ("failure", "error"):
                for problem in case.findall(kind):
                    failed.append((report, name, kind, problem.get("message", ""), problem.text,
                                   case.findtext("system-out", "") + case.findtext("system-err", "")))
            for kind in ("flakyFailure", "flakyError", "rerunFailure", "rerunError"):
                for problem in case.findall(kind):
                    flaky.append((report, name, kind, problem.get("message", ""), problem.findtext("stackTrace", ""),
                                  problem.findtext("system-out", "") + problem.findtext("system-err", "")))
    for title, entries in (("passed only when rerun (flaky)", flaky), ("FAILED", failed)):
        if not entries:
            continue
        print("\n==================== tests that " + title + ": " + str(len(entries)) + " ====================")
        for report, name, kind, message, stack, output in entries:
            print("\n--- " + name + " (" + kind + ") in " + report)
            print("message: " + head(message, 10))
            print(head(stack, STACK_LINES))
            if output.strip():
                print("... end of its output:")
                print(tail(output, OUTPUT_LINES))
    if not failed and not flaky:
        print("test report: no failed or flaky tests in " + str(len(reports)) + " report files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
