"""Turns the benchmark's times.tsv into a Markdown table of medians and ratios (see src/bench/run)."""
import statistics
import sys
from collections import defaultdict

path, scale, rounds, machine, a_desc, b_desc, small, placement = sys.argv[1:9]
scale_path = sys.argv[9] if len(sys.argv) > 9 else None
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

def durable_floor(s):
    """max(cp -r && sync, one SHA-256 pass): what a durable, verified copy cannot beat."""
    cps = {r[0]: r[1] for r in rows[(s, "cp+sync")]}
    sha = {r[0]: r[1] for r in rows[(s, "sha256")]}
    return statistics.median(max(cps[k], sha[k]) for k in cps)

names = {"a": f"(a) {a_desc}", "b": f"(b) {b_desc}", "c": f"(c) second pass, {small} unchanged files"}
print("# Benchmark results\n")
print(f"Scale `{scale}`, median of {rounds} alternating rounds, one run of `src/bench/run`.  ")
print(f"Machine: {machine}.  ")
print("Data is in the page cache (generated just before); Keepsake fsyncs every file and directory, cp/rsync/exiftool do not.  ")
print("No tree of many files is deleted while figures are taken: they are moved aside and removed at the end; (a) and (b)'s few files are deleted between runs (see \"The measurement itself\").  ")
print(f"exiftool one-liner's placement of (b) compared with Keepsake's: {placement}.\n")
print("| data set | tool | wall s | cpu s | peak RSS MiB |")
print("| --- | --- | ---: | ---: | ---: |")
for s in "abc":
    for tool in ("keepsake", "keepsake-launcher", "cp", "rsync", "sha256", "cp+sync", "exiftool", "rsync-dry-run"):
        if rows[(s, tool)]:
            print(f"| {names[s]} | {tool} | {med(s, tool, 1):.2f} | {med(s, tool, 2):.2f} | {med(s, tool, 3) / 1024:.0f} |")
    if s != "c":
        print(f"| {names[s]} | floor = max(cp, sha256) | {floor(s):.2f} | | |")
        print(f"| {names[s]} | durable floor = max(cp+sync, sha256) | {durable_floor(s):.2f} | | |")
print("\n| ratio (wall, medians) | value | target |")
print("| --- | ---: | --- |")
for s in "ab":
    k = med(s, "keepsake", 1)
    print(f"| {names[s]}: keepsake / rsync -a | {k / med(s, 'rsync', 1):.2f} | ≤ 1.0 |")
    print(f"| {names[s]}: keepsake / verified-copy floor | {k / floor(s):.2f} | (cp and sha, no sync) |")
    print(f"| {names[s]}: keepsake / durable floor | {k / durable_floor(s):.2f} | ≤ 1.25 |")
    print(f"| {names[s]}: keepsake / durable copy (cp + sync) | {k / med(s, 'cp+sync', 1):.2f} | (what bounds it) |")
print(f"| {names['b']}: exiftool one-liner / keepsake (speed-up) | {med('b', 'exiftool', 1) / med('b', 'keepsake', 1):.2f} | ≥ 2.0 |")
print(f"| {names['c']}: keepsake / rsync -a --dry-run | {med('c', 'keepsake', 1) / med('c', 'rsync-dry-run', 1):.2f} | ≤ 2.0 |")
print(f"| {names['c']}: keepsake via deploy/keepsake (AppCDS) / rsync -a --dry-run | {med('c', 'keepsake-launcher', 1) / med('c', 'rsync-dry-run', 1):.2f} | ≤ 2.0 |")

if scale_path:
    srows = defaultdict(dict)
    for line in open(scale_path):
        n, tool, wall, cpu, rss = line.split()
        srows[int(n)][tool] = (float(wall), float(cpu), int(float(rss)))
    if srows:
        print("\n## (d) Scale set: small files (400 bytes), one round per size\n")
        print("| files | first ingest s (peak RSS MiB) | cp -r && sync s | rsync -a s | no-change s (peak RSS MiB) | via deploy/keepsake s | rsync -a -n s | service start-up s (peak RSS MiB) | service warm reconcile s (median of 3) | ledger MiB |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for n in sorted(srows):
            r = srows[n]
            def w(t): return r[t][0] if t in r else float("nan")
            def m(t): return r[t][2] / 1024 if t in r else float("nan")
            print(f"| {n:,} | {w('keepsake-first'):.1f} ({m('keepsake-first'):.0f}) | {w('cp+sync'):.1f} | {w('rsync'):.1f} |"
                  f" {w('keepsake-nochange'):.2f} ({m('keepsake-nochange'):.0f}) | {w('keepsake-nochange-launcher'):.2f} |"
                  f" {w('rsync-dry-run'):.2f} | {w('service-startup'):.1f} ({m('service-startup'):.0f}) |"
                  f" {w('service-warm-reconcile'):.2f} |"
                  f" {r['ledger-bytes'][0] / 2**20:.1f} |")
        labels = {"keepsake-first": "keepsake first ingest", "cp+sync": "cp -r && sync", "rsync": "rsync -a",
                  "keepsake-nochange": "keepsake no-change", "keepsake-nochange-launcher": "keepsake no-change via deploy/keepsake",
                  "rsync-dry-run": "rsync -a -n"}
        print("\n| files | tool | wall s | cpu s | peak RSS MiB |")
        print("| ---: | --- | ---: | ---: | ---: |")
        for n in sorted(srows):
            for tool, label in labels.items():
                if tool in srows[n]:
                    wall, cpu, rss = srows[n][tool]
                    print(f"| {n:,} | {label} | {wall:.2f} | {cpu:.2f} | {rss / 1024:.0f} |")
        top = max(srows)
        r = srows[top]
        print(f"\n| ratio at {top:,} files | value | target |")
        print("| --- | ---: | --- |")
        print(f"| first ingest / cp -r && sync | {r['keepsake-first'][0] / r['cp+sync'][0]:.2f} | ≤ 2.0 |")
        print(f"| no-change via deploy/keepsake / rsync -a -n | {r['keepsake-nochange-launcher'][0] / r['rsync-dry-run'][0]:.2f} | ≤ 2.0 |")
        print(f"| service warm reconcile / rsync -a -n | {r['service-warm-reconcile'][0] / r['rsync-dry-run'][0]:.2f} | ≤ 1.0 |")
        print(f"| peak RSS, first ingest (deployed flags) | {r['keepsake-first'][2] / 1024:.0f} MiB | ≤ 256 MiB |")
