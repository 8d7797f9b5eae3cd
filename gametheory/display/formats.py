r"""Tables written in four formats: plain text, Markdown, LaTeX and HTML, with what each must escape.

A :class:`Table` is format-free: cells are sequences of :class:`Span`, each a
piece of user text (a label, escaped when written) or a number (written by
:func:`number_text`), optionally *marked*; a cell may be *strong*.  The writers
give the marks one meaning per format:

=========  =============================  ==============================
format     strong cell (pure equilibrium)  marked number (best response)
=========  =============================  ==============================
text       ``[3, 1]``                      ``3*``
markdown   ``**3, 1**``                    ``3\*``
latex      ``\textbf{\boldmath ...}``      ``\underline{$3$}``
html       ``<strong>``                    ``<u>``
=========  =============================  ==============================

Exact numbers are ``str(Fraction)`` (``1/3``) in text, Markdown and HTML, and
``$\frac{1}{3}$`` in LaTeX; floats have six significant digits
(:func:`gametheory.numbers.format_number`); symbolic payoffs are sympy's text,
or its LaTeX in LaTeX.  Labels are user data: HTML escapes ``< > & " '``
(:func:`html.escape`), LaTeX its ten special characters, Markdown the
characters that would start markup (``| * _ ` [ ] < > & \ ~``); a line break in
a label becomes a space in every format.

LaTeX output is a ``tabular`` (for ``nbconvert`` to PDF and for slides: it
needs no package beyond LaTeX itself); notebooks in a browser show the HTML.

Examples
--------
>>> t = Table(caption="A & B", header=(cell(text("x")), cell(text("<y>"))),
...           rows=((cell(text("1")), cell(number(Fraction(1, 3), mark=True), strong=True)),))
>>> print(write_table(t, "markdown"))
A \& B
<BLANKLINE>
| x | \<y\> |
| --- | --- |
| 1 | **1/3\*** |
>>> print(write_table(t, "html"))  # doctest: +NORMALIZE_WHITESPACE
<table class="gametheory"><caption>A &amp; B</caption>
<thead><tr><th>x</th><th>&lt;y&gt;</th></tr></thead>
<tbody><tr><th>1</th><td><strong><u>1/3</u></strong></td></tr></tbody></table>
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ..errors import InputError
from ..numbers import format_number, is_sympy

__all__ = ["FORMATS", "Format", "Span", "Cell", "Table", "text", "number", "cell", "check_format", "number_text",
           "escape", "write_table", "write_note", "join_blocks"]

Format = Literal["text", "markdown", "latex", "html"]
#: The formats every renderer writes.
FORMATS: tuple[Format, ...] = ("text", "markdown", "latex", "html")

#: What each legend key means, per format (the marks of the module docstring).
_LEGEND: dict[str, dict[str, str]] = {
    "equilibrium": {"text": "[ ]: pure equilibrium", "markdown": "**bold**: pure equilibrium",
                    "latex": r"\textbf{bold}: pure equilibrium", "html": "<strong>bold</strong>: pure equilibrium"},
    "best_response": {"text": "*: best response", "markdown": r"\*: best response",
                      "latex": r"\underline{underlined}: best response", "html": "<u>underlined</u>: best response"},
}


@dataclass(frozen=True)
class Span:
    """A piece of a cell: user text, or a number (``is_number``) written per format; ``mark``: a best response."""

    value: object
    is_number: bool = False
    mark: bool = False


@dataclass(frozen=True)
class Cell:
    """One table cell: its spans, written one after the other; ``strong``: a pure equilibrium's cell."""

    spans: tuple[Span, ...]
    strong: bool = False


@dataclass(frozen=True)
class Table:
    """A table: a caption (plain text), a header row, body rows, legend keys (``'equilibrium'``, ``'best_response'``).

    ``row_header``: the first cell of each body row labels the row (``<th>`` in HTML).
    """

    caption: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    legend: tuple[str, ...] = ()
    row_header: bool = True


def text(value: str) -> Span:
    """A span of user text."""
    return Span(str(value))


def number(value: object, mark: bool = False) -> Span:
    """A span holding a number (Fraction, int, float or sympy expression)."""
    return Span(value, is_number=True, mark=mark)


def cell(*spans: Span, strong: bool = False) -> Cell:
    """A cell of ``spans``."""
    return Cell(tuple(spans), strong)


def check_format(fmt: str) -> Format:
    """``fmt`` if it is one of :data:`FORMATS`; else an InputError naming them.

    >>> check_format("rtf")
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: format: unknown format 'rtf'; formats are text, markdown, latex, html
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; formats are {', '.join(FORMATS)}", field="format")
    return fmt


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                  "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIAL))
_MARKDOWN_RE = re.compile(r"([\\`*_\[\]<>|&~])")


def escape(value: str, fmt: Format) -> str:
    r"""User text made safe for ``fmt`` (one line).

    >>> escape('<script>alert("x")</script>', "html")
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    >>> escape("50% of v_md & {x}", "latex")
    '50\\% of v\\_md \\& \\{x\\}'
    >>> escape("a|b *c*", "markdown")
    'a\\|b \\*c\\*'
    """
    one_line = " ".join(str(value).splitlines())
    if fmt == "html":
        return html.escape(one_line, quote=True)
    if fmt == "latex":
        return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group(0)], one_line)
    if fmt == "markdown":
        return _MARKDOWN_RE.sub(r"\\\1", one_line)
    return one_line


def _latex_number(x: object) -> str:
    if is_sympy(x):
        import sympy  # already imported: x is a sympy object

        return sympy.latex(x)
    if isinstance(x, Fraction) and x.denominator != 1:
        sign = "-" if x < 0 else ""
        return rf"{sign}\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"
    shown = format_number(x)
    if "e" in shown and not shown.startswith(("inf", "-inf")):  # 1e+20 -> 1 \times 10^{20}
        mantissa, exponent = shown.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return shown


def number_text(x: object, fmt: Format) -> str:
    r"""A number as ``fmt`` writes it: ``str(Fraction)`` (``1/3``), or ``$\frac{1}{3}$`` in LaTeX.

    >>> number_text(Fraction(-1, 3), "latex"), number_text(Fraction(-1, 3), "html"), number_text(2.5e20, "latex")
    ('$-\\frac{1}{3}$', '-1/3', '$2.5 \\times 10^{20}$')
    """
    if fmt == "latex":
        return f"${_latex_number(x)}$"
    return escape(format_number(x), fmt)


def _span(s: Span, fmt: Format) -> str:
    shown = number_text(s.value, fmt) if s.is_number else escape(str(s.value), fmt)
    if not s.mark:
        return shown
    return {"text": f"{shown}*", "markdown": f"{shown}\\*", "latex": rf"\underline{{{shown}}}",
            "html": f"<u>{shown}</u>"}[fmt]


def _cell(c: Cell, fmt: Format) -> str:
    body = "".join(_span(s, fmt) for s in c.spans)
    if not c.strong:
        return body
    return {"text": f"[{body}]", "markdown": f"**{body}**", "latex": rf"\textbf{{\boldmath {body}}}",
            "html": f"<strong>{body}</strong>"}[fmt]


def _legend(table: Table, fmt: Format) -> str:
    return "; ".join(_LEGEND[k][fmt] for k in table.legend)


def write_table(table: Table, fmt: Format) -> str:
    """The table in ``fmt``: caption (and legend) first, then the rows."""
    fmt = check_format(fmt)
    header = [_cell(c, fmt) for c in table.header]
    rows = [[_cell(c, fmt) for c in r] for r in table.rows]
    legend = _legend(table, fmt)
    caption = escape(table.caption, fmt)
    if fmt == "html":
        cap = caption + (f"<br><small>{legend}</small>" if legend else "")
        head = "<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>"
        body = "".join("<tr>" + "".join(f"<th>{c}</th>" if k == 0 and table.row_header else f"<td>{c}</td>"
                                        for k, c in enumerate(r)) + "</tr>" for r in rows)
        return (f'<table class="gametheory"><caption>{cap}</caption>\n<thead>{head}</thead>\n'
                f"<tbody>{body}</tbody></table>")
    if fmt == "markdown":
        lines = [caption + (f" ({legend})" if legend else ""), ""] if caption or legend else []
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + " --- |" * len(header))
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    if fmt == "latex":
        spec = ("l|" if table.row_header else "") + "c" * (len(header) - (1 if table.row_header else 0))
        lines = [caption + (f" ({legend})" if legend else "") + r"\\"] if caption or legend else []
        lines.append(rf"\begin{{tabular}}{{{spec}}}")
        lines.append(" & ".join(header) + r" \\ \hline")
        lines += [" & ".join(r) + r" \\" for r in rows]
        lines.append(r"\end{tabular}")
        return "\n".join(lines)
    lines = [caption + (f" ({legend})" if legend else "")] if caption or legend else []
    return "\n".join(lines + _aligned([header, *rows]))


def _aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["  " + "   ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def write_note(note: str, fmt: Format) -> str:
    """A sentence of plain text (escaped) as a paragraph of ``fmt``."""
    shown = escape(note, fmt)
    return f"<p>{shown}</p>" if fmt == "html" else shown


def join_blocks(blocks: Sequence[str], fmt: Format) -> str:
    """Tables and notes as one document: blank lines between blocks, one ``<div>`` around HTML."""
    if fmt == "html":
        return '<div class="gametheory">\n' + "\n".join(blocks) + "\n</div>"
    return "\n\n".join(blocks)
