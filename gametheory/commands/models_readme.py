"""``gametheory models-readme DIR -o DIR/README.md``: regenerate the models' README.

The page is :func:`gametheory.models_readme.render`'s; ``--check`` exits 1 when
the file differs from the fresh text (a test and CI keep it current).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("models_dir", metavar="DIR", help="directory of model files")
    parser.add_argument("-o", "--output", help="write here (default: standard output)")
    parser.add_argument("--check", action="store_true", help="exit 1 if OUTPUT differs from the fresh text")


def run(args: argparse.Namespace) -> int:
    from ..io.atomic import atomic_write_text, check_target
    from ..models_readme import render

    if args.output:  # a device, FIFO or directory is refused before the work (and never read by --check)
        check_target(args.output, field="-o")
    text = render(args.models_dir)
    if args.check:
        if not args.output:
            raise InputError("--check needs -o OUTPUT", field="--check")
        current = Path(args.output).read_text(encoding="utf-8") if Path(args.output).exists() else ""
        if current != text:
            sys.stderr.write(f"{args.output} is out of date; regenerate it with: gametheory models-readme "
                             f"{args.models_dir} -o {args.output}\n")
            return 1
        return 0
    if args.output:
        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
