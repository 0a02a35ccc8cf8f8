"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

One testsuite, "complaints check". Every case file is a testcase (classname "cases"), and so is
every other file with findings ("policy" under policy/, "repository" otherwise). A testcase fails
when its file has an unexplained finding at error severity: one <failure> whose type and message
name the first such finding and whose text lists them all. Warnings, notes and explained
breaches do not fail a testcase; they are listed in its <system-out>.
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
    others = sorted(set(by_path) - set(cases))
    testcases = [_testcase("cases", path, by_path.get(path, [])) for path in cases]
    testcases += [_testcase(_classname(path), path, by_path[path]) for path in others]

    failures = sum(1 for testcase in testcases if testcase.find("failure") is not None)
    counts = {"tests": str(len(testcases)), "failures": str(failures)}
    root = ET.Element("testsuites", {"name": "complaints", **counts, "errors": "0"})
    suite = ET.SubElement(
        root, "testsuite", {"name": SUITE, **counts, "errors": "0", "skipped": "0"}
    )
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="as_of", value=result.as_of.isoformat())
    suite.extend(testcases)
    ET.SubElement(suite, "system-out").text = summary(result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _testcase(classname: str, path: str, findings: list[Finding]) -> ET.Element:
    testcase = ET.Element("testcase", classname=classname, name=_xml(path), file=_xml(path))
    failing = [f for f in findings if f.severity == Severity.ERROR and not f.explained]
    if failing:
        first = failing[0]
        failure = ET.SubElement(
            testcase, "failure", type=first.rule, message=_xml(f"{first.location} {first.message}")
        )
        failure.text = _xml("\n".join(line(f) for f in failing))
    rest = [f for f in findings if f not in failing]
    if rest:
        ET.SubElement(testcase, "system-out").text = _xml("\n".join(line(f) for f in rest))
    return testcase


def _classname(path: str) -> str:
    return "policy" if path.startswith("policy/") else "repository"


def _xml(text: str) -> str:
    """Text with each control or invisible character written as an escape (\\x07, \\x1b): XML 1.0
    cannot carry most of them even escaped, and a report shown in a terminal or a CI page must not
    be driven by what a file name or a broken file's message holds."""
    return printable(text, breaks=True)
