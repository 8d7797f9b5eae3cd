"""Every teaching notebook has the shape the tutorial promises: a quote first, an exercise with a checked solution."""

from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.notebook

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_starts_with_a_title_and_a_quote_of_the_article(path):
    first = nbformat.read(path, as_version=4).cells[0]
    lines = first.source.splitlines()
    assert first.cell_type == "markdown" and lines[0].startswith("# ")
    assert any(line.startswith("> ") for line in lines[:6]), f"{path.name}: open with a quote of the article"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_has_a_hidden_solution_that_asserts_its_answer(path):
    cells = nbformat.read(path, as_version=4).cells
    solutions = [c for c in cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
    assert solutions, f"{path.name}: no solution cell (tag 'solution')"
    for cell in solutions:
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, f"{path.name}: hide the solution"
        assert "assert " in cell.source, f"{path.name}: a solution must assert its answer"
    first_solution = cells.index(solutions[0])
    assert any(c.cell_type == "markdown" and "Exercise" in c.source for c in cells[:first_solution]), \
        f"{path.name}: state the exercise before its solution"
