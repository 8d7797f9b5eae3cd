"""The one adapter from the tests to lrsnash (lrslib, D. Avis), the exact peer for extreme equilibria.

lrsnash reads a bimatrix game as ``m n``, a blank line, the m rows of A, a blank line, the m rows of
B (entries as integers or ``p/q``).  It prints blocks separated by blank lines: lines
``2 y_1 .. y_n v_1`` then lines ``1 x_1 .. x_m v_2``; every 2-line of a block with every 1-line of
it is an extreme equilibrium.  Lines starting with ``*`` are comments.

References
----------
Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash equilibria
for two-player games. Economic Theory 42, 9-37.
"""
from __future__ import annotations

import subprocess
from fractions import Fraction


def lrsnash_extreme(lrsnash: str, A, B, tmp_path) -> set:
    """The extreme equilibria lrsnash prints for the bimatrix game (A, B), as (x, y) Fraction tuples.

    ``lrsnash`` is the path of the executable; the game file is written under ``tmp_path``.
    """
    m, n = len(A), len(A[0])
    rows = [" ".join(str(Fraction(v)) for v in row) for row in A] + [""] + [
        " ".join(str(Fraction(v)) for v in row) for row in B]
    path = tmp_path / "game.txt"
    path.write_text(f"{m} {n}\n\n" + "\n".join(rows) + "\n")
    proc = subprocess.run([lrsnash, str(path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found: set = set()
    xs: list[tuple] = []
    ys: list[tuple] = []
    for line in proc.stdout.splitlines() + [""]:
        words = line.split()
        # a block ends at a blank or comment line, or where a 2-line follows its 1-lines
        if not words or words[0].startswith("*") or (words[0] == "2" and xs):
            found.update((x, y) for x in xs for y in ys)
            xs, ys = [], []
        if words and words[0] == "2":
            ys.append(tuple(Fraction(t) for t in words[1:n + 1]))
        elif words and words[0] == "1":
            xs.append(tuple(Fraction(t) for t in words[1:m + 1]))
    return found
