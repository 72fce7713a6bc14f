#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""check-matrix.py BINDING VERSION... -- COMMAND [ARGS...]

Runs COMMAND (an `irqspec conform ... --format json` of one model), and
passes only when it exits 0 and its matrix is the one the binding says:
one column per VERSION (a kernel whose version starts with it, in that
order), and in every column one cell per variant of the binding that is not
skipped, each `conforms` where the binding's "kernels" contain the kernel's
version and `diverges` everywhere else, with tests that ran. The expectation
is computed here from the binding, not taken from irqspec's report.
"""
import json
import re
import subprocess
import sys


def version(text):
    return [int(x) for x in re.findall(r"\d+", text)]


def implements(kernels, kv):
    """The binding's "kernels" ("all", "none", "< 6.5", ">= 5.13, < 6.17")."""
    if kernels == "all":
        return True
    if kernels == "none":
        return False
    for cond in kernels.split(","):
        op, v = re.match(r"\s*(<=|>=|<|>|==)\s*([\d.]+)\s*$", cond).groups()
        a, b = version(kv), version(v)
        n = max(len(a), len(b))
        a += [0] * (n - len(a))
        b += [0] * (n - len(b))
        ok = {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b}[op]
        if not ok:
            return False
    return True


def check(binding, versions, report):
    problems = []
    variants = {n: v for n, v in binding["variants"].items() if not v.get("skip")}
    kernels = report["kernels"]
    got = [k["kernel"] for k in kernels]
    if len(got) != len(versions) or any(
            not (g == w or g.startswith(w + ".")) for g, w in zip(got, versions)):
        return [f"kernels {got}, want {versions}"]
    for k in kernels:
        kv = k["kernel"]
        if k.get("status"):
            problems.append(f"{kv}: {k['status']}: {k.get('problem', '')}")
        cells = {c["variant"]: c for c in k["variants"]}
        if sorted(cells) != sorted(binding["variants"]):
            problems.append(f"{kv}: variants {sorted(cells)}, want {sorted(binding['variants'])}")
        for name, v in variants.items():
            c = cells.get(name)
            want = "conforms" if implements(v.get("kernels", "all"), kv) else "diverges"
            if c is None:
                continue
            if c["status"] != want or c["expected"] != want or not c["met"]:
                problems.append(f"{kv} {name}: {c['status']} (irqspec expected {c['expected']}), "
                                f"the binding says {want}: {c.get('reason', '')}")
            if c["tests"]["passed"] + c["tests"]["failed"] == 0:
                problems.append(f"{kv} {name}: no test ran")
    return problems


def main(argv):
    if "--" not in argv or argv.index("--") < 2:
        print(__doc__, file=sys.stderr)
        return 2
    sep = argv.index("--")
    binding = json.load(open(argv[0]))
    versions = argv[1:sep]
    run = subprocess.run(argv[sep + 1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(run.stderr[-4000:])
    try:
        report = json.loads(run.stdout)
    except ValueError:
        print(run.stdout[-4000:])
        print(f"check-matrix.py: exit {run.returncode}, and no JSON report")
        return 1
    for k in report.get("kernels", []):
        print(k["label"], " ".join(f"{c['variant']}={c['status']}" for c in k["variants"]))
    problems = check(binding, versions, report)
    if run.returncode != 0:
        problems.insert(0, f"exit status {run.returncode}, want 0")
    for p in problems:
        print("check-matrix.py: " + p)
    if not problems:
        print(f"check-matrix.py: exit 0, {len(versions)} kernels x {len(binding['variants'])} "
              "variants as the binding says")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
