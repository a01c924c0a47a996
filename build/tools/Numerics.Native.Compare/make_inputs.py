#!/usr/bin/env python3
"""Write the inputs of benchmark workloads as .npy files, exactly as build/numpy_bench.py builds them.

    /usr/bin/python3 make_inputs.py --out DIR W5_matmul_64 W5_matmul_2000 ...
    /usr/bin/python3 make_inputs.py --list      # the ids numpy_bench.py knows, one per line

For each id, the workload's setup code from numpy_bench.py runs with a fresh np.random.default_rng(0) (as in
numpy_bench.py), and every NumPy array it defines is saved as DIR/<id>/<name>.npy (e.g. DIR/W5_matmul_64/A.npy).
The C# benchmarks read these files, so both sides time the same numbers. A workload whose files exist and
whose stamp (NumPy version + numpy_bench.py's hash) matches is skipped.
"""
import argparse
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.normpath(os.path.join(HERE, "..", "..", "numpy_bench.py"))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out")
    p.add_argument("--list", action="store_true")
    p.add_argument("ids", nargs="*")
    args = p.parse_args()
    if not args.list and not args.out:
        p.error("--out DIR is needed unless --list")

    # numpy_bench.py parses sys.argv and makes a temp dir at import: give it harmless arguments, clean up after.
    sys.argv = [BENCH, "--threads", "1"]
    sys.path.insert(0, os.path.dirname(BENCH))
    import numpy_bench as nb  # noqa: E402
    import numpy as np  # noqa: E402

    with open(BENCH, "rb") as f:
        stamp = {"numpy": np.__version__, "numpy_bench_sha256": hashlib.sha256(f.read()).hexdigest()}
    by_id = {w[0]: w for w in nb.WORKLOADS}
    written = 0
    try:
        if args.list:
            print("\n".join(by_id))
            return 0
        for wid in args.ids:
            if wid not in by_id:
                continue  # ours-only rows (Overhead_*) have no NumPy inputs
            folder = os.path.join(args.out, wid)
            stamp_path = os.path.join(folder, "stamp.json")
            if os.path.exists(stamp_path):
                with open(stamp_path) as f:
                    if json.load(f) == stamp:
                        continue
            os.makedirs(folder, exist_ok=True)
            ns = {"np": np, "rng": np.random.default_rng(0), "NPY_PATH": nb.NPY_PATH, "trapezoid": nb.trapezoid}
            exec(by_id[wid][1], ns)
            for name, value in ns.items():
                if isinstance(value, np.ndarray):
                    np.save(os.path.join(folder, name + ".npy"), np.ascontiguousarray(value))
            with open(stamp_path, "w") as f:
                json.dump(stamp, f)
            written += 1
    finally:
        nb.cleanup()
    print(f"make_inputs: {written} workload(s) written, {len(args.ids) - written} up to date or ours-only",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
