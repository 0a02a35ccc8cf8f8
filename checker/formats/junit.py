"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

Valid against the strictest published JUnit schema, the Apache Ant JUnit XSD (shipped with the
tests, tests/fixtures/junit/, which says why), so every consumer reads it: one testsuite,
"complaints check", in a testsuites element. Every checked file is a testcase, passing or
failing, so the set of testcases is the same from one run to the next: each case file (classname
"cases"), each other data file ("policy" under policy/, "repository" otherwise), and any other
file a finding is about. The testcase's name is the file's path, where GitLab and Jenkins both
show it. A testcase fails when its file has an unexplained finding at error severity: one
<failure> whose type and message name the first such finding and whose text lists them all.
Warnings, notes and explained breaches do not fail a testcase; they are listed, by file, in the
suite's <system-out> with the summary.

The suite's `timestamp` is the date the files were checked as of (at midnight, with no zone, as
the schema asks), so a run is reproducible; `time` is 0: a check's time is not a test's.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from checker.formats.text import line, ordered, printable, summary
from checker.model.findings import Finding, Severity
from checker.model.result import Result

SUITE = "complaints check"


def render(result: Result, colour: bool = False) -> str:
    """The check as a JUnit XML document."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in ordered(result.findings):
        by_path[finding.location.path].append(finding)
    cases = sorted(result.case_paths)
    others = sorted((set(result.other_paths) | set(by_path)) - set(cases))
    testcases = [_testcase("cases", path, by_path.get(path, [])) for path in cases]
    testcases += [_testcase(_classname(path), path, by_path.get(path, [])) for path in others]

    failures = sum(1 for testcase in testcases if testcase.find("failure") is not None)
    root = ET.Element("testsuites")
    suite = ET.SubElement(
        root,
        "testsuite",
        {
            "name": SUITE,
            "package": "complaints",
            "id": "0",
            "timestamp": f"{result.as_of.isoformat()}T00:00:00",
            "hostname": "localhost",
            "tests": str(len(testcases)),
            "failures": str(failures),
            "errors": "0",
            "skipped": "0",
            "time": "0",
        },
    )
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="as_of", value=result.as_of.isoformat())
    suite.extend(testcases)
    others_found = [
        f"{printable(path)}:\n" + "\n".join(f"  {line(f)}" for f in rest)
        for path, found in sorted(by_path.items())
        if (rest := [f for f in found if not _fails(f)])
    ]
    ET.SubElement(suite, "system-out").text = _xml("\n\n".join([summary(result), *others_found]))
    ET.SubElement(suite, "system-err").text = ""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _fails(finding: Finding) -> bool:
    return finding.severity == Severity.ERROR and not finding.explained


def _testcase(classname: str, path: str, findings: list[Finding]) -> ET.Element:
    testcase = ET.Element("testcase", name=_xml(path), classname=classname, time="0")
    failing = [f for f in findings if _fails(f)]
    if failing:
        first = failing[0]
        failure = ET.SubElement(
            testcase, "failure", type=first.rule, message=_xml(f"{first.location} {first.message}")
        )
        failure.text = _xml("\n".join(line(f) for f in failing))
    return testcase


def _classname(path: str) -> str:
    return "policy" if path.startswith("policy/") else "repository"


def _xml(text: str) -> str:
    """Text with each control or invisible character written as an escape (\\x07, \\x1b): XML 1.0
    cannot carry most of them even escaped, and a report shown in a terminal or a CI page must not
    be driven by what a file name or a broken file's message holds."""
    return printable(text, breaks=True)
