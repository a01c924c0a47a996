#!/usr/bin/env python3
"""Ours vs NumPy vs the same call from C, in lockstep: the three sides of a workload run as three long-lived server
processes (our benchmark program's `--raw ID --serve`, `numpy_bench.py --worker ID --serve`, `cref ID --serve`) and
take turns, one turn of calls each, the order rotating from turn to turn.

Why: this VM's two vCPUs share physical cores with other work that comes and goes in bursts of about 0.1-0.2 s (a
busy sibling hyperthread makes a single-threaded dgeev take 72 ms instead of 46). Processes run one after another
(build/compare.sh's rounds and pairs) are seconds apart and can land on different sides of a burst; turns a few
tens of milliseconds apart land on the same side, so the per-turn ratio holds still where the times do not.

    build/compare.sh --filter '^(W5_mat|W6_|W7_)' --pairs-only --pairs 1   # builds everything, writes the inputs
    build/lockstep.py [--filter REGEX] [--turns 40] [--turn-ms 30] [--json out.json]

Per turn each side makes K calls (K sized from C's first call so that a turn lasts about --turn-ms) and its turn
time is the median of them; % of C = median over turns of 100 x C / ours, % of NumPy likewise (above 100: we are
faster), with the interquartile range of the per-turn values; "fast turns" = the same ratio of each side's 10th
percentile turn (the bursts come in discrete levels that change from turn to turn: a side's fast turns are its
speed on a quiet machine).

One thread only (the default): at more than one thread the three processes' OpenBLAS worker pools disturb each
other. An idle pthread-OpenBLAS worker spins for a while before it sleeps (about 0.1 s by default in C and NumPy;
our facade sets OPENBLAS_THREAD_TIMEOUT=22, about 1.6 ms), so whichever side runs while another's workers still
spin loses its second vCPU: measured at 2 threads, det and inv 500 swung between 50% and 290% of each other from
one run to the next, the loser changing with the gaps between turns. Two-thread comparisons belong to the process
pairs of build/compare.sh, which never overlap.
"""
import argparse, json, math, os, re, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "tests/Numerics.Native.Benchmarks/bin/Release/net10.0/Numerics.Native.Benchmarks.dll")
CREF = os.path.join(ROOT, "artifacts/bench/cref")
NUMPY = os.path.join(ROOT, "build/numpy_bench.py")
INPUTS = os.path.join(ROOT, "artifacts/bench-inputs")
SIDES = ("ours", "NumPy", "C")


def fmt_ns(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def twentieths(xs):
    """The 5%, 10%, … 95% points of xs, linearly interpolated between order statistics (index 1: 10%, 4: 25%, 14: 75%)."""
    return statistics.quantiles(xs, n=20, method="inclusive")


class Server:
    def __init__(self, name, cmd, env):
        self.name = name
        self.p = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True, bufsize=1)
        line = self.p.stdout.readline().strip()
        if line != "ready":
            raise SystemExit(f"{name} ({' '.join(cmd)}) did not start: {line!r}")

    def calls(self, k):
        self.p.stdin.write(f"{k}\n")
        self.p.stdin.flush()
        return [float(x) for x in self.p.stdout.readline().split()]

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=60)


def run(wid, threads, a):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads),
               NUMERICS_BENCH_INPUTS=INPUTS)
    servers = {
        "ours": Server("ours", ["dotnet", "exec", BENCH, "--raw", wid, "--serve"], env),
        "NumPy": Server("NumPy", ["/usr/bin/python3", NUMPY, "--threads", str(threads), "--worker", wid, "--serve"], env),
        "C": Server("C", [CREF, wid, "--inputs", INPUTS, "--serve"], env),
    }
    try:
        one = min(servers["C"].calls(3))
        k = max(1, math.ceil(a.turn_ms * 1e6 / max(one, 1)))
        # Warm-up, discarded: about --warm-ms of calls per side (the .NET side's tiered JIT promotes hot methods after
        # 30 calls and a 100 ms delay, compiling in the background), then a pause for those compiles to land.
        for s in SIDES:
            servers[s].calls(max(k, math.ceil(a.warm_ms * 1e6 / max(one, 1))))
        time.sleep(0.3)
        for s in SIDES:
            servers[s].calls(k)
        gap = a.gap_ms / 1e3 if threads > 1 else 0
        turns = {s: [] for s in SIDES}
        t0 = time.time()
        for t in range(a.turns):
            order = SIDES[t % 3:] + SIDES[:t % 3]
            if t % 2:
                order = order[::-1]
            for s in order:
                if gap:
                    time.sleep(gap)
                turns[s].append(statistics.median(servers[s].calls(k)))
        took = time.time() - t0
    finally:
        for s in servers.values():
            s.close()
    # The bursts come in a few discrete levels (about 1.2x, 1.35x and 2x the quiet time) that change from one turn to
    # the next, so besides the per-turn ratios each side's fast turns (its 10th percentile) give the quiet speed.
    q10 = {s: twentieths(turns[s])[1] for s in SIDES}
    pc = [100 * c / o for c, o in zip(turns["C"], turns["ours"])]
    pn = [100 * n / o for n, o in zip(turns["NumPy"], turns["ours"])]
    qc, qn = twentieths(pc), twentieths(pn)
    return {"id": wid, "threads": threads, "turns": a.turns, "calls_per_turn": k, "seconds": round(took, 1),
            "ours_ns": statistics.median(turns["ours"]), "numpy_ns": statistics.median(turns["NumPy"]),
            "c_ns": statistics.median(turns["C"]),
            "percent_of_c": statistics.median(pc), "percent_of_c_iqr": [qc[4], qc[14]],
            "percent_of_numpy": statistics.median(pn), "percent_of_numpy_iqr": [qn[4], qn[14]],
            "q10_ns": q10, "fast_percent_of_c": 100 * q10["C"] / q10["ours"], "fast_percent_of_numpy": 100 * q10["NumPy"] / q10["ours"],
            "turn_ns": turns}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--filter", default="")
    p.add_argument("--threads", default="1", help="comma-separated; see above before using more than 1")
    p.add_argument("--turns", type=int, default=40)
    p.add_argument("--turn-ms", type=float, default=30)
    p.add_argument("--gap-ms", type=float, default=0, help="idle time before every turn at more than one thread (experiments)")
    p.add_argument("--warm-ms", type=float, default=1000)
    p.add_argument("--json")
    a = p.parse_args()
    if a.turns < 2:
        p.error("--turns must be at least 2 (the ratios are quantiles over turns)")
    for f in (BENCH, CREF):
        if not os.path.exists(f):
            sys.exit(f"{f} is missing: run build/compare.sh once (it builds the benchmarks and cref, and writes the inputs)")
    crefs = subprocess.run([CREF, "--list"], capture_output=True, text=True, check=True).stdout.split()
    numpys = subprocess.run(["/usr/bin/python3", NUMPY, "--list"], capture_output=True, text=True, check=True).stdout.split()
    ids = [i for i in crefs if i in numpys and re.search(a.filter, i)]
    load = os.getloadavg()[0]
    rows = []
    for threads in (int(t) for t in a.threads.split(",")):
        for wid in ids:
            r = run(wid, threads, a)
            rows.append(r)
            print(f"{wid}, {threads} thread(s): ours {fmt_ns(r['ours_ns'])}, {r['percent_of_c']:.1f}% of C, "
                  f"{r['percent_of_numpy']:.1f}% of NumPy ({r['seconds']} s)", file=sys.stderr, flush=True)
    print(f"{a.turns} turns per row, K calls per side and turn (median of them), order rotating; load average {load:.1f} at "
          f"start, {os.getloadavg()[0]:.1f} at end; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print()
    print("| id | threads | K | ours | C | NumPy | % of C: turns (IQR) | fast turns | % of NumPy: turns (IQR) | fast turns |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ic, inp = r["percent_of_c_iqr"], r["percent_of_numpy_iqr"]
        print(f"| {r['id']} | {r['threads']} | {r['calls_per_turn']} | {fmt_ns(r['ours_ns'])} | {fmt_ns(r['c_ns'])} | "
              f"{fmt_ns(r['numpy_ns'])} | **{r['percent_of_c']:.1f}%** ({ic[0]:.1f}–{ic[1]:.1f}) | {r['fast_percent_of_c']:.1f}% | "
              f"**{r['percent_of_numpy']:.1f}%** ({inp[0]:.1f}–{inp[1]:.1f}) | {r['fast_percent_of_numpy']:.1f}% |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"turns": a.turns, "turn_ms": a.turn_ms, "gap_ms": a.gap_ms, "load_start": load,
                       "load_end": os.getloadavg()[0], "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
