"""Generate ``docs/reference.md``, the API reference, from the package's ``__all__`` lists and docstrings.

Every public module (no path component starting with ``_``; the command-line
modules and this generator excluded) that declares ``__all__`` gets a section:
the first paragraph of its docstring, then each exported name with its
signature and the first paragraph of its docstring.  A name is described once,
in the module that defines it; a module that only re-exports it links there.
Classes list their public methods and properties defined in the class itself.
A type alias (``Literal[...]``, ``tuple[...]``) is shown with its definition.

The output depends only on the source, so a test can compare the committed
file with fresh output::

    python -m gametheory.docs_reference -o docs/reference.md

>>> summary("First paragraph\\nstill first.\\n\\nSecond.")
'First paragraph still first.'
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import re
import sys
import typing
from types import ModuleType
from typing import Any

__all__ = ["public_modules", "summary", "render", "main"]

_SKIP = ("gametheory.cli", "gametheory.commands", "gametheory.docs_reference")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# NamedTuple fields keep postponed annotations as ForwardRef('...'): shown as the plain string, like other annotations
_FORWARD_REF = re.compile(r"ForwardRef\((['\"])(.*?)\1\)")


def summary(doc: str | None) -> str:
    """The first paragraph of a docstring, on one line ("" when there is none)."""
    if not doc:
        return ""
    text = inspect.cleandoc(doc)
    first = text.split("\n\n", 1)[0]
    return " ".join(line.strip() for line in first.splitlines()).strip()


def public_modules(package: str = "gametheory") -> list[ModuleType]:
    """Public modules of ``package`` that declare ``__all__``, sorted by name (the package itself first)."""
    root = importlib.import_module(package)
    names = [package]
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        if info.name.startswith(_SKIP):
            continue
        names.append(info.name)
    mods = [importlib.import_module(n) for n in sorted(set(names))]
    return [m for m in mods if isinstance(getattr(m, "__all__", None), (list, tuple))]


def _signature(obj: Any) -> str:
    try:
        sig = str(inspect.signature(obj))
    except (TypeError, ValueError):
        return ""
    return _FORWARD_REF.sub(r"'\2'", _ADDRESS.sub("", sig))


def _anchor(qualname: str) -> str:
    return qualname.replace(".", "").lower()


def _members(cls: type) -> list[tuple[str, str, str, str]]:
    out = []
    for name, val in cls.__dict__.items():
        if name.startswith("_"):
            continue
        if isinstance(val, property):
            out.append((name, "property", "", summary(val.__doc__)))
        elif isinstance(val, (classmethod, staticmethod)):
            func = val.__func__
            out.append((name, type(val).__name__, _signature(func), summary(func.__doc__)))
        elif inspect.isfunction(val):
            out.append((name, "method", _signature(val), summary(val.__doc__)))
    return out


def _is_type_alias(obj: object) -> bool:
    """Whether ``obj`` is a subscripted type such as ``Literal['a', 'b']`` or ``tuple[int, ...]``.

    >>> _is_type_alias(typing.Literal["a", "b"]), _is_type_alias(tuple[int, ...]), _is_type_alias(tuple)
    (True, True, False)
    """
    return typing.get_origin(obj) is not None and not inspect.isclass(obj)


def _alias_text(obj: object) -> str:
    """A type alias as it is written in the source.

    >>> _alias_text(typing.Literal["strict", "weak"])
    "Literal['strict', 'weak']"
    """
    return repr(obj).replace("typing.", "").replace("collections.abc.", "")


def _describe(qual: str, obj: Any) -> list[str]:
    lines = []
    if _is_type_alias(obj):
        return [f"### `{qual}`", "", f"Type alias: `{_alias_text(obj)}`.", ""]
    if inspect.isclass(obj):
        lines.append(f"### class `{qual}{_signature(obj)}`")
    elif callable(obj):
        lines.append(f"### `{qual}{_signature(obj)}`")
    else:
        lines.append(f"### `{qual}`")
        lines.append("")
        lines.append(f"A `{type(obj).__name__}`.")
    text = summary(inspect.getdoc(obj)) if (inspect.isclass(obj) or callable(obj)) else ""
    if text:
        lines += ["", text]
    if inspect.isclass(obj):
        members = _members(obj)
        if members:
            lines.append("")
            for name, kind, sig, doc in members:
                head = f"`{name}{sig}`" if kind != "property" else f"`{name}` (property)"
                if kind in ("classmethod", "staticmethod"):
                    head += f" ({kind})"
                lines.append(f"- {head}" + (f": {doc}" if doc else ""))
    lines.append("")
    return lines


def _home(obj: object, documented: set[str]) -> str | None:
    mod = getattr(obj, "__module__", None)
    return mod if mod in documented else None


def render(package: str = "gametheory") -> str:
    """The whole reference as Markdown."""
    mods = public_modules(package)
    documented = {m.__name__ for m in mods}
    out = [
        "# API reference",
        "",
        "Generated by `python -m gametheory.docs_reference -o docs/reference.md` from each public module's",
        "`__all__` and docstrings; do not edit by hand (a test compares this file with fresh output).",
        "Signatures and the first paragraph of each docstring are shown; `help(name)` in Python has the rest.",
        "",
        "## Modules",
        "",
    ]
    for m in mods:
        out.append(f"- [`{m.__name__}`](#{_anchor(m.__name__)}): {summary(m.__doc__)}")
    out.append("")
    for m in mods:
        out += [f"## {m.__name__}", ""]
        text = summary(m.__doc__)
        if text:
            out += [text, ""]
        reexports = []
        for name in m.__all__:
            obj = getattr(m, name)
            home = _home(obj, documented) if (inspect.isclass(obj) or inspect.isfunction(obj)) else None
            if home is not None and home != m.__name__:
                reexports.append((name, home, summary(inspect.getdoc(obj))))
                continue
            out += _describe(f"{m.__name__}.{name}", obj)
        if reexports:
            out += ["Re-exported here:", ""]
            for name, home, doc in reexports:
                out.append(f"- `{name}`: see [`{home}.{name}`](#{_anchor(home)})" + (f": {doc}" if doc else ""))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the reference to ``-o PATH`` (default: standard output)."""
    parser = argparse.ArgumentParser(prog="python -m gametheory.docs_reference", description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", help="write here instead of standard output")
    args = parser.parse_args(argv)
    text = render()
    if args.output:
        from .io.atomic import atomic_write_text

        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
