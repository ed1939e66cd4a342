#!/usr/bin/env python3
"""Writes the NIST StRD Longley and Filip data sets and their certified values as CSV files
(data/nist/Longley.csv, Filip.csv, certified.csv) from the transcription that
test/fixtures/nist/make_nist.py verifies with exact rational arithmetic. Run once, from the
repository root:  /usr/bin/python3 data/nist/make_nist_csv.py
Every number is written as the text of its source (no floating-point round trip).
"""
import csv
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
spec = importlib.util.spec_from_file_location(
    "make_nist", os.path.join(ROOT, "test", "fixtures", "nist", "make_nist.py"))
nist = importlib.util.module_from_spec(spec)
spec.loader.exec_module(nist)


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


ly, lX = nist.parse_longley()
write("Longley.csv", ["y", "x1", "x2", "x3", "x4", "x5", "x6"],
      [[y] + row for y, row in zip(ly, lX)])
write("Filip.csv", ["y", "x"], list(zip(nist.FILIP[0::2], nist.FILIP[1::2])))

rows = []
for ds in ["Longley", "Filip"]:
    params, sds, rsd, r2, _ = nist.CERTIFIED[ds]
    for j, (b, s) in enumerate(zip(params, sds)):
        rows.append([ds, f"B{j}", b, s])
    rows.append([ds, "Residual Standard Deviation", rsd, ""])
    rows.append([ds, "R-Squared", r2, ""])
write("certified.csv", ["dataset", "quantity", "value", "standard_deviation"], rows)
print("wrote data/nist/Longley.csv, Filip.csv, certified.csv")
