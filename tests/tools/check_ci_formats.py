#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Reads back irqspec's JUnit XML or SARIF 2.1.0 and checks what the formats
require (JUnit: the attributes Jenkins' and GitLab's readers need, counts that
add up; SARIF: the members the OASIS standard makes mandatory, rule indexes,
locations and code flows), and that an unmet expectation is in it.

  check_ci_formats.py junit FILE UNMET_PROPERTY
  check_ci_formats.py sarif FILE UNMET_PROPERTY
"""
import json
import sys
import xml.etree.ElementTree as ET


def fail(why):
    sys.exit("check_ci_formats: " + why)


def check_junit(path, unmet):
    root = ET.parse(path).getroot()
    if root.tag != "testsuites":
        fail("the root is <%s>, not <testsuites>" % root.tag)
    found = False
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        for attr in ("name", "tests", "failures", "errors", "skipped", "time"):
            if attr not in suite.attrib:
                fail("a <testsuite> has no %s" % attr)
        counted = {"tests": len(cases),
                   "failures": sum(c.find("failure") is not None for c in cases),
                   "errors": sum(c.find("error") is not None for c in cases),
                   "skipped": sum(c.find("skipped") is not None for c in cases)}
        for attr, n in counted.items():
            if int(suite.get(attr)) != n:
                fail("testsuite %s says %s=%s, has %d" % (suite.get("name"), attr, suite.get(attr), n))
        float(suite.get("time"))
        for case in cases:
            for attr in ("name", "classname", "time"):
                if not case.get(attr):
                    fail("a <testcase> has no %s" % attr)
            float(case.get("time"))
            for tag in ("failure", "error"):
                e = case.find(tag)
                if e is not None and (not e.get("message") or not e.get("type")):
                    fail("<%s> of %s lacks message or type" % (tag, case.get("name")))
            f = case.find("failure")
            if case.get("name") == unmet and f is not None and f.get("type") == "unmet-expectation":
                if "counterexample" not in (f.text or ""):
                    fail("the failure of %s has no counterexample" % unmet)
                found = True
    if not found:
        fail("no <failure type=\"unmet-expectation\"> for %s" % unmet)


def check_location(loc, what):
    phys = loc.get("physicalLocation")
    if not phys or not phys.get("artifactLocation", {}).get("uri"):
        fail("%s has no physicalLocation.artifactLocation.uri" % what)
    region = phys.get("region")
    if region is not None and region.get("startLine", 0) < 1:
        fail("%s has a region without a startLine >= 1" % what)
    return phys


def check_sarif(path, unmet):
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    if log.get("version") != "2.1.0" or not isinstance(log.get("runs"), list) or not log["runs"]:
        fail("not a SARIF 2.1.0 log with runs")
    found = False
    for run in log["runs"]:
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            fail("run.tool.driver.name is missing")
        rules = [r["id"] for r in driver.get("rules", [])]
        for result in run.get("results", []):
            text = result.get("message", {}).get("text")
            if not text:
                fail("a result without message.text")
            if result.get("level") not in ("none", "note", "warning", "error"):
                fail("a result's level is %r" % result.get("level"))
            idx = result.get("ruleIndex")
            if idx is None or idx >= len(rules) or rules[idx] != result.get("ruleId"):
                fail("result %r: ruleIndex does not name its ruleId" % text)
            locs = result.get("locations", [])
            for loc in locs:
                check_location(loc, "result %r" % text)
            for flow in result.get("codeFlows", []):
                for thread in flow.get("threadFlows", []):
                    steps = thread.get("locations", [])
                    if not steps:
                        fail("an empty threadFlow")
                    for step in steps:
                        check_location(step.get("location", {}), "a threadFlow location")
            if (result.get("ruleId") == "unmet-expectation" and (": %s:" % unmet) in text and
                    result.get("codeFlows") and locs and
                    locs[0]["physicalLocation"].get("region", {}).get("startLine")):
                found = True
    if not found:
        fail("no unmet-expectation result for %s with a line and a code flow" % unmet)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("junit", "sarif"):
        sys.exit(__doc__)
    (check_junit if sys.argv[1] == "junit" else check_sarif)(sys.argv[2], sys.argv[3])
    print("check_ci_formats: %s %s: well-formed, %s unmet in it" % tuple(sys.argv[1:]))
