#!/usr/bin/python3
"""Ours against NumPy and TorchSharp on this machine, in interleaved rounds of fresh processes (a developer tool,
not part of CI; TorchSharp needs build/peers/torchsharp built first: `dotnet build -c Release build/peers/torchsharp`,
which also applies its Debian 12 libstdc++ fix, see its fix-glibcxx.sh).

    /usr/bin/python3 build/peer_compare.py W6_det_500,W6_inv_500 2 3 15     # ids, threads, rounds, calls per process

Each round runs every side once (order rotating), each side a fresh process timing `calls` calls after warm-up;
the cell is the median over rounds of the per-process medians, the ratios medians of per-round ratios."""
import json, os, statistics, subprocess, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ids = sys.argv[1].split(',')
threads = int(sys.argv[2]); rounds = int(sys.argv[3]); calls = int(sys.argv[4])
env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
           NUMERICS_BENCH_INPUTS=os.path.join(ROOT, 'artifacts', 'bench-inputs'))
def ours(i):
    out = subprocess.run(['dotnet', os.path.join(ROOT, 'tests/Numerics.Native.Benchmarks/bin/Release/net10.0/Numerics.Native.Benchmarks.dll'),
                          '--raw', i, '--calls', str(calls)], env=env, capture_output=True, text=True).stdout
    line = [l for l in out.splitlines() if l.startswith('{')][-1]
    return statistics.median(json.loads(line)['calls_ns'][2:]) / 1e6
def numpy(i):
    out = subprocess.run(['/usr/bin/python3', os.path.join(ROOT, 'build/numpy_bench.py'), '--threads', str(threads), '--worker', i,
                          '--single'], env=env, capture_output=True, text=True, cwd=ROOT).stdout
    line = [l for l in out.splitlines() if l.startswith('[[')][-1]
    return statistics.median(json.loads(line)[0]) / 1e6
def torch(i):
    out = subprocess.run(['dotnet', os.path.join(ROOT, 'build/peers/torchsharp/bin/Release/net10.0/TorchPeer.dll'), '--raw', i, '--threads', str(threads),
                          '--calls', str(calls)], env=env, capture_output=True, text=True).stdout
    return json.loads([l for l in out.splitlines() if l.startswith('{')][-1])['median_ms']
sides = [('ours', ours), ('numpy', numpy), ('torch', torch)]
print(f'threads {threads}, {rounds} rounds, {calls} calls per process; medians in ms; ratio = other/ours per round (>1: ours faster)')
print('| id | ours | NumPy | TorchSharp | NumPy/ours | Torch/ours (per-round range) |')
print('|---|---:|---:|---:|---:|---:|')
for i in ids:
    t = {s: [] for s, _ in sides}
    for r in range(rounds):
        order = sides[r % 3:] + sides[:r % 3]
        for s, f in order:
            t[s].append(f(i))
    rn = [n / o for n, o in zip(t['numpy'], t['ours'])]
    rt = [x / o for x, o in zip(t['torch'], t['ours'])]
    print(f"| {i} | {statistics.median(t['ours']):.3g} | {statistics.median(t['numpy']):.3g} | {statistics.median(t['torch']):.3g} | "
          f"{statistics.median(rn):.2f} | {statistics.median(rt):.2f} ({min(rt):.2f}–{max(rt):.2f}) |", flush=True)
