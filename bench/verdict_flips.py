#!/usr/bin/env python3
"""Reads rfcheck JSON reports named TARGET.jJOBS.rREP.json and prints, per target, how many
cases ever had more than one verdict across the runs (all --jobs values together), then each
such case with the verdicts it had and how often. Exit 0."""
import collections
import json
import os
import sys


def main(paths):
    verdicts = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))
    runs = collections.Counter()
    for path in paths:
        target = os.path.basename(path).split(".j")[0]
        jobs = os.path.basename(path).split(".j")[1].split(".")[0]
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        runs[target] += 1
        for case in report["cases"]:
            verdict = case["verdict"] + (" (known)" if case["known"] else "")
            verdicts[target][case["id"]][f"{verdict} @j{jobs}"] += 1
    print(f"{'target':<16}{'runs':>6}{'cases':>7}{'flipped':>9}")
    flips = {}
    for target in sorted(verdicts):
        cases = verdicts[target]
        flipped = {cid: seen for cid, seen in cases.items()
                   if len({k.split(' @')[0] for k in seen}) > 1}
        flips[target] = flipped
        print(f"{target:<16}{runs[target]:>6}{len(cases):>7}{len(flipped):>9}")
    for target, flipped in flips.items():
        for cid, seen in sorted(flipped.items()):
            print(f"  {target} {cid}: " + ", ".join(f"{k} x{n}" for k, n in sorted(seen.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
