#!/usr/bin/env python3
"""Check that StreamTune's result CSVs load in pandas with the expected dtypes.

Usage: check_csv_dtypes.py RESULTS_DIR

Exits 0 when evaluations.csv and pareto.csv load with numeric metric columns, a boolean
`feasible` column and an integer `index`; exits 1 and names the column otherwise.
"""
import sys

import pandas as pd

NUMERIC = [
    "latency_ms", "ttft_ms", "decode_tokens_per_s", "energy_mj_per_token", "dsp", "bram18k",
    "uram", "lut", "ff", "power_w", "constraint_violation", "evaluation_time_ms",
]


def check(path):
    frame = pd.read_csv(path)
    problems = []
    if frame.empty:
        print(f"{path}: no rows, so pandas cannot infer dtypes; nothing to check")
        return True, 0
    if not pd.api.types.is_integer_dtype(frame["index"]):
        problems.append(f"index has dtype {frame['index'].dtype}, expected an integer")
    if not pd.api.types.is_bool_dtype(frame["feasible"]):
        problems.append(f"feasible has dtype {frame['feasible'].dtype}, expected bool")
    for column in NUMERIC:
        if column not in frame.columns:
            problems.append(f"{column} is missing")
        elif not pd.api.types.is_numeric_dtype(frame[column]):
            problems.append(f"{column} has dtype {frame[column].dtype}, expected a number")
    for problem in problems:
        print(f"{path}: {problem}")
    return not problems, len(frame)


def main():
    folder = sys.argv[1]
    ok = True
    for name in ["evaluations.csv", "pareto.csv"]:
        good, rows = check(f"{folder}/{name}")
        ok = ok and good
        print(f"{name}: {rows} rows, dtypes {'ok' if good else 'wrong'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
