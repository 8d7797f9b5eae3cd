"""Where a value stands in a TOML file: the line of a key or a ``[table]`` / ``[[array]]`` header.

:mod:`tomllib` returns data without positions, so a validation error would
not know its line.  :class:`Locator` scans the text once, line by line: a
``[[name]]`` header opens the ``k``-th table of the array ``name``
(counted from 0), a ``[name]`` header opens table ``name``, and every other
line belongs to the table opened last (lines inside multi-line strings
included).  A path such as ``("payoffs", 2, "values")`` is then found as the
line of key ``values`` in the third ``[[payoffs]]`` table; when the key is
not written there (a default, a dotted or inline table), the line of the
table's header is the best answer, and the path is shortened until
something is found.  This is a best effort on valid TOML, not a parser.

:func:`field_name` writes the same path for people, 1-based:
``payoffs[3].values``.

References
----------
TOML v1.0.0, "Table" and "Array of Tables", https://toml.io/en/v1.0.0

Examples
--------
>>> loc = Locator('title = "t"\\n[[payoffs]]\\nvalues = [1]\\n[[payoffs]]\\nprofile = ["a"]\\nvalues = [2]\\n')
>>> loc.line("payoffs", 1, "values"), loc.line("payoffs", 0, "profile"), loc.line("title")
(6, 2, 1)
>>> field_name(("payoffs", 1, "values"))
'payoffs[2].values'
"""

from __future__ import annotations

import re

__all__ = ["Locator", "field_name"]


_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*(.+?)\s*\]\]\s*(#.*)?$")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def _normalize_header(name: str) -> str:
    parts = [p.strip().strip('"').strip("'") for p in name.split(".")]
    return ".".join(parts)


class Locator:
    """Finds the line of a key or ``[table]`` header in TOML text (best effort)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers: dict[tuple, int] = {}
        self.block_of: list[tuple] = []
        counts: dict[str, int] = {}
        current: tuple = (None, 0)
        multi = None
        for no, raw in enumerate(self.lines, 1):
            if multi is not None:
                self.block_of.append(current)
                if raw.count(multi) % 2 == 1:
                    multi = None
                continue
            m = _ARRAY_HEADER.match(raw)
            if m:
                name = _normalize_header(m.group(1))
                k = counts.get(name, 0)
                counts[name] = k + 1
                current = (name, k)
                self.headers.setdefault(current, no)
            else:
                m = _TABLE_HEADER.match(raw)
                if m:
                    current = (_normalize_header(m.group(1)), 0)
                    self.headers.setdefault(current, no)
            self.block_of.append(current)
            for q in ('"""', "'''"):
                if raw.count(q) % 2 == 1:
                    multi = q
                    break

    def _key_line(self, block: tuple, key: str):
        pat = re.compile(r"^\s*(?:" + re.escape(key) + r'|"' + re.escape(key) + r'"|\'' + re.escape(key) + r"')\s*[=.]")
        for no, (raw, blk) in enumerate(zip(self.lines, self.block_of), 1):
            if blk == block and pat.match(raw):
                return no
        return None

    def line(self, *path):
        """Line of ``path`` such as ``("payoffs", 2, "values")`` or ``("parameters", "g", "range")``."""
        for cut in range(len(path), -1, -1):
            head, rest = path[:cut], path[cut:]
            if head and isinstance(head[-1], int):
                if any(not isinstance(h, str) for h in head[:-1]):
                    continue
                block = (".".join(head[:-1]), head[-1])
            elif head:
                if any(not isinstance(h, str) for h in head):
                    continue
                block = (".".join(head), 0)
            else:
                block = (None, 0)
            if block[0] is not None and block not in self.headers:
                continue
            if not rest:
                return self.headers.get(block)
            if isinstance(rest[0], str):
                ln = self._key_line(block, rest[0])
                if ln is not None:
                    return ln
            if block[0] is not None:
                return self.headers[block]
        return None



def field_name(path) -> str:
    """The path of a value as people read it, 1-based: ``("players", 0, "name")`` -> ``players[1].name``."""
    out = ""
    for p in path:
        if isinstance(p, int):
            out += f"[{p + 1}]"
        else:
            out += ("." if out else "") + str(p)
    return out
