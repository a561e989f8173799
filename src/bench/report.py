"""Turns the benchmark's times.tsv into a Markdown table of medians and ratios (see src/bench/run)."""
import statistics
import sys
from collections import defaultdict

path, scale, rounds, machine, a_desc, b_desc, small, placement = sys.argv[1:9]
rows = defaultdict(list)
for line in open(path):
    s, tool, rnd, wall, user, sysc, rss = line.split()
    rows[(s, tool)].append((int(rnd), float(wall), float(user) + float(sysc), int(rss)))

def med(s, tool, i):
    return statistics.median(r[i] for r in rows[(s, tool)])

def floor(s):
    cp = {r[0]: r[1] for r in rows[(s, "cp")]}
    sha = {r[0]: r[1] for r in rows[(s, "sha256")]}
    return statistics.median(max(cp[k], sha[k]) for k in cp)

names = {"a": f"(a) {a_desc}", "b": f"(b) {b_desc}", "c": f"(c) second pass, {small} unchanged files"}
print("# Benchmark results\n")
print(f"Scale `{scale}`, median of {rounds} alternating rounds, one run of `src/bench/run`.  ")
print(f"Machine: {machine}.  ")
print("Data is in the page cache (generated just before); Keepsake fsyncs every file and directory, cp/rsync/exiftool do not.  ")
print(f"exiftool one-liner's placement of (b) compared with Keepsake's: {placement}.\n")
print("| data set | tool | wall s | cpu s | peak RSS MiB |")
print("| --- | --- | ---: | ---: | ---: |")
for s in "abc":
    for tool in ("keepsake", "keepsake-launcher", "cp", "rsync", "sha256", "cp+sync", "exiftool", "rsync-dry-run"):
        if rows[(s, tool)]:
            print(f"| {names[s]} | {tool} | {med(s, tool, 1):.2f} | {med(s, tool, 2):.2f} | {med(s, tool, 3) / 1024:.0f} |")
    if s != "c":
        print(f"| {names[s]} | floor = max(cp, sha256) | {floor(s):.2f} | | |")
print("\n| ratio (wall, medians) | value | target |")
print("| --- | ---: | --- |")
for s in "ab":
    k = med(s, "keepsake", 1)
    print(f"| {names[s]}: keepsake / rsync -a | {k / med(s, 'rsync', 1):.2f} | ≤ 1.0 |")
    print(f"| {names[s]}: keepsake / verified-copy floor | {k / floor(s):.2f} | ≤ 1.5 |")
    print(f"| {names[s]}: keepsake / durable copy (cp + sync) | {k / med(s, 'cp+sync', 1):.2f} | (what bounds it) |")
print(f"| {names['b']}: exiftool one-liner / keepsake (speed-up) | {med('b', 'exiftool', 1) / med('b', 'keepsake', 1):.2f} | ≥ 3.0 |")
print(f"| {names['c']}: keepsake / rsync -a --dry-run | {med('c', 'keepsake', 1) / med('c', 'rsync-dry-run', 1):.2f} | ≤ 2.0 |")
print(f"| {names['c']}: keepsake via deploy/keepsake (AppCDS) / rsync -a --dry-run | {med('c', 'keepsake-launcher', 1) / med('c', 'rsync-dry-run', 1):.2f} | ≤ 2.0 |")
