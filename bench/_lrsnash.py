"""lrsnash output parser shared by the benchmark scripts (run as ``python bench/NAME.py``).

lrsnash (lrslib) prints blocks separated by blank lines: lines ``2 y_1 .. y_n v_1`` (the column
player's strategies) then lines ``1 x_1 .. x_m v_2``; every 2-line of a block with every 1-line of it
is an extreme equilibrium (a degenerate game prints several of either per block).  Lines starting
with ``*`` are comments.
"""

from fractions import Fraction


def parse_lrsnash(text):
    """The extreme equilibria printed by lrsnash, as a set of (x, y) tuples of Fractions."""
    found, xs, ys = set(), [], []
    for line in text.splitlines() + [""]:
        words = line.split()
        # a block ends at a blank or comment line, or where a 2-line follows its 1-lines
        if not words or words[0].startswith("*") or (words[0] == "2" and xs):
            found.update((x, y) for x in xs for y in ys)
            xs, ys = [], []
        if words and words[0] == "2":
            ys.append(tuple(Fraction(t) for t in words[1:-1]))
        elif words and words[0] == "1":
            xs.append(tuple(Fraction(t) for t in words[1:-1]))
    return found
