#!/usr/bin/env python3
"""Compares the suites' cases of an earlier commit with the working tree's and prints, per
protocol, how many cases are new or removed and how many changed level, citation (ref or
quote) or steps (uses, steps and cleanup together; YAML comments and layout do not count).

    bench/case_changes.py OLD_COMMIT [--list]

Run from the repository root; needs git and python3-yaml. Exit 0."""
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile

import yaml


def load_cases(root):
    cases = {}
    for path in glob.glob(os.path.join(root, "specs", "*", "**", "*.yaml"), recursive=True):
        if os.path.basename(path) == "protocol.yaml" or "/requirements/" in path:
            continue
        with open(path, encoding="utf-8") as f:
            suite = yaml.safe_load(f)
        if isinstance(suite, dict):
            for case in suite.get("cases") or []:
                cases[case["id"]] = case
    return cases


def words(text):
    return " ".join(str(text).split())


def steps(case):
    return json.dumps([case.get("uses"), (case.get("steps") or []) + (case.get("cleanup") or [])],
                      sort_keys=True)


def kinds_of_change(old, new):
    if old is None:
        return ["new"]
    kinds = []
    if old.get("level") != new.get("level"):
        kinds.append("re-levelled")
    if old.get("ref") != new.get("ref") or words(old.get("quote")) != words(new.get("quote")):
        kinds.append("re-cited")
    if steps(old) != steps(new):
        kinds.append("steps")
    return kinds


def main(argv):
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", argv[0], "specs"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        old = load_cases(tmp)
    new = load_cases(".")
    counts = collections.defaultdict(collections.Counter)
    listed = []
    for case_id, case in sorted(new.items()):
        for kind in kinds_of_change(old.get(case_id), case):
            counts[case_id.split(".")[0]][kind] += 1
            listed.append(f"{kind:12} {case_id}")
    for case_id in sorted(set(old) - set(new)):
        counts[case_id.split(".")[0]]["removed"] += 1
        listed.append(f"{'removed':12} {case_id}")
    kinds = ["new", "removed", "re-levelled", "re-cited", "steps"]
    print(f"{len(old)} cases at {argv[0]}, {len(new)} now")
    print(f"{'protocol':10}" + "".join(f"{k:>13}" for k in kinds))
    total = collections.Counter()
    for protocol in sorted(counts):
        total.update(counts[protocol])
        print(f"{protocol:10}" + "".join(f"{counts[protocol][k]:>13}" for k in kinds))
    print(f"{'all':10}" + "".join(f"{total[k]:>13}" for k in kinds))
    if "--list" in argv:
        print("\n".join(listed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
