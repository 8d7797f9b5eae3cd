"""The web lab's Flask application: the page, and a JSON API that answers exactly what the commands print.

Each route of ``/api`` reads its request as the matching command's options
(:mod:`gametheory.web.query`), calls the same library functions the command
calls and returns the document the command prints with ``--json``
(:func:`gametheory.jsondoc.json_text`), so a script, the page and the
command line agree:

==========================  =====================================================
``/api/models``             :func:`gametheory.io.model.catalog.model_catalog`
``/api/info``               ``gametheory info PATH --json``
``/api/solve``              ``gametheory solve PATH --json`` (``format=html``: ``--format html``)
``/api/regions``            ``gametheory regions PATH --vary P --json``
``/api/bargain``            ``gametheory bargain PATH --json``
``/api/check``              ``gametheory check PATH --json`` (200 whether the predictions hold or not)
``/api/figure/game.svg``    the figure of ``solve --plot`` (also ``regions.svg``, ``bargain.svg``)
==========================  =====================================================

Safety: a model is named, never a path (:func:`gametheory.web.query.model_path`),
and read by the same whitelist parser as on the command line; a request body
is at most ``max_body`` bytes (413), a typed game at most ``max_typed`` by
``max_typed``; every computation checks its estimated work against
``max_cost`` (a request may lower it, never raise it; 422 when refused), and
at most ``workers`` computations run at once (503 when none is free within
``busy_wait`` seconds).  Figures are drawn
in memory; the server writes no file.  Every error is a JSON document
``{"error": "..."}``: the line the command line prints after ``error:``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from flask import Flask, Response, request, send_from_directory
from werkzeug.exceptions import HTTPException

from ..cost import validate_max_cost
from ..errors import CostLimitError, GameTheoryError, InputError, UnsupportedGameError, error_line, located, one_line
from .query import Query, UnknownModelError, effective_max_cost, model_path

__all__ = ["create_app", "LabConfig"]

#: The routes whose answers are computed (each holds one of the ``workers`` slots).
API_ROUTES = ("info", "solve", "regions", "bargain", "check")
FIGURES = ("game.svg", "regions.svg", "bargain.svg")
#: The formats of ``/api/solve`` besides its JSON document: ``solve --format``.
TABLE_FORMATS = {"html": "text/html", "markdown": "text/markdown", "latex": "text/x-latex"}


class BusyError(Exception):
    """Every computation slot is taken (HTTP 503)."""


class TooLargeError(InputError):
    """A typed game or query longer than the body limit (HTTP 413)."""


@dataclass(frozen=True)
class LabConfig:
    """The limits and the models directory of one app."""

    models_dir: str
    max_cost: int
    max_body: int
    max_typed: int
    slots: threading.BoundedSemaphore
    busy_wait: float = 1.0

    def cost(self, q: Query) -> int:
        return effective_max_cost(q.get("max_cost"), self.max_cost)


def create_app(models_dir: str | os.PathLike[str] = "models", *, max_cost: float | None = None,
               max_body: int = 65536, max_typed: int = 15, workers: int = 2, busy_wait: float = 1.0) -> Flask:
    """The lab's Flask app serving the models of ``models_dir``.

    Parameters
    ----------
    models_dir : path
        The directory of model files (``NAME.toml``) offered by ``model=NAME``.
    max_cost : number, optional
        The ceiling on every computation's estimated work (default
        :data:`gametheory.cost.DEFAULT_MAX_COST`, the command line's); a
        request's ``max_cost`` may only lower it.
    max_body : int
        Largest request body (and typed game or query string) in bytes.
    max_typed : int
        Largest typed bimatrix: ``max_typed`` rows and columns.
    workers : int
        Computations run at once; a request beyond waits up to ``busy_wait``
        seconds for a slot (a page's requests come in small bursts), then gets 503.
    busy_wait : float
        Seconds a request waits for a free slot before the 503.

    Examples
    --------
    >>> client = create_app("models").test_client()
    >>> r = client.get("/api/solve?model=no_such_model")
    >>> r.status_code, r.get_json()
    (404, {'error': "no model named 'no_such_model'"})
    """
    models_dir = os.fspath(models_dir)
    if not os.path.isdir(models_dir):
        raise InputError("no such directory (the lab's models)", path=models_dir, field="--models")
    if int(workers) < 1 or int(max_body) < 1 or int(max_typed) < 1 or not busy_wait >= 0:
        raise InputError("workers, max_body and max_typed must be positive whole numbers, busy_wait at least 0")
    lab = LabConfig(models_dir, validate_max_cost(max_cost),
                    int(max_body), int(max_typed), threading.BoundedSemaphore(int(workers)), float(busy_wait))
    app = Flask(__name__, static_folder="static", static_url_path="/static")
    app.config["MAX_CONTENT_LENGTH"] = lab.max_body
    app.extensions["gametheory_lab"] = lab
    _register_errors(app)

    @app.get("/")
    def page() -> Response:
        folder = app.static_folder or ""
        if not os.path.isfile(os.path.join(folder, "index.html")):
            return _error("the lab's page is not installed (gametheory/web/static/index.html)", 404)
        return send_from_directory(folder, "index.html")

    @app.get("/api/models")
    def models() -> Response:
        from ..io.model.catalog import model_catalog

        return _json(model_catalog(lab.models_dir).to_json())

    for name in API_ROUTES:
        app.add_url_rule(f"/api/{name}", f"api_{name}", _computed(lab, _HANDLERS[name]), methods=["GET", "POST"])
    app.add_url_rule("/api/figure/<name>", "api_figure", _computed(lab, _figure), methods=["GET", "POST"])
    return app


# --- answers -------------------------------------------------------------------------------------------------

def _json(doc: Any, ensure_ascii: bool = True, status: int = 200) -> Response:
    from ..jsondoc import json_text

    return Response(json_text(doc, ensure_ascii) + "\n", status=status, mimetype="application/json")


def _error(message: str, status: int, **extra: object) -> Response:
    return _json({"error": one_line(message), **extra}, status=status)


def _register_errors(app: Flask) -> None:
    """Every error is a JSON ``{"error": ...}`` with its status; never an HTML page, never a traceback."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        if status == 413:
            limit = app.config["MAX_CONTENT_LENGTH"]
            return _error(f"the request body is too large (the limit is {limit} bytes)", 413)
        if status == 404:
            return _error(f"no such page: {request.path}", 404)
        if status == 405:
            return _error(f"{request.method} is not allowed on {request.path}", 405)
        return _error(exc.description or exc.name, status)

    @app.errorhandler(Exception)
    def internal_error(exc: Exception) -> Response:
        app.logger.exception("internal error on %s", request.path)  # the traceback goes to the server's log only
        return _error(f"internal error: {type(exc).__name__}", 500)


def _computed(lab: LabConfig, handler: Callable[..., Response]) -> Callable[..., Response]:
    """A view running ``handler`` in one of the lab's computation slots, its errors as JSON documents."""

    def view(**kwargs: Any) -> Response:
        try:
            q = _query(lab)
            if not lab.slots.acquire(timeout=lab.busy_wait):
                raise BusyError()
            try:
                return handler(lab, q, **kwargs)
            finally:
                lab.slots.release()
        except BusyError:
            return _error("the server is busy; try again", 503)
        except UnknownModelError as exc:
            return _error(error_line(exc), 404)
        except TooLargeError as exc:
            return _error(error_line(exc), 413)
        except (InputError, UnsupportedGameError) as exc:
            return _error(error_line(exc), 400)
        except CostLimitError as exc:
            # the library's line says how the command line raises the limit; a request cannot, so say who can
            return _error(error_line(exc), 422, max_cost=lab.max_cost, hint=_cost_hint(lab, q))
        except GameTheoryError as exc:  # the command line's exit status 1: could not be computed
            return _error(error_line(exc), 422)

    view.__name__ = getattr(handler, "__name__", "view")
    return view


def _cost_hint(lab: LabConfig, q: Query) -> str:
    """Who can raise the limit a computation was refused at: the request (below the ceiling) or the server."""
    limit = lab.cost(q)
    if limit < lab.max_cost:
        return f"this request lowered max_cost to {limit}; this server allows up to {lab.max_cost}"
    return (f"max_cost={lab.max_cost} is this server's ceiling: a request cannot raise it "
            "(gametheory serve --max-cost N does)")


def _query(lab: LabConfig) -> Query:
    if len(request.query_string) > lab.max_body:
        raise TooLargeError(f"the query string is too large (the limit is {lab.max_body} bytes)")
    body = None
    if request.method == "POST" and request.content_length != 0 and request.get_data(cache=True):
        body = request.get_json(force=True, silent=True)
        if body is None:
            raise InputError("the request body is not JSON; send an object like {\"game\": \"...\"}", field="body")
    return Query.from_request(request.args.items(multi=True), body)


# --- what the commands compute --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Source:
    """The request's game (a model at its parameters, or a typed bimatrix) and what the commands load with it."""

    game: Any
    model: Any
    path: str  # the model file, or io.bimatrix_text.TYPED_PATH (named in error messages as the file is)
    params: dict


def _model_file(lab: LabConfig, q: Query, command: str) -> str:
    name = q.get("model")
    if name is None:
        raise InputError(f"{command} needs model=NAME" + (" or game=TEXT" if command in ("solve", "info", "bargain")
                                                          else ""), field="model")
    return model_path(lab.models_dir, name)


def _typed_game(lab: LabConfig, q: Query, exact: bool | None) -> Any:
    from ..io.bimatrix_text import parse_bimatrix_text

    text = q.get("game") or ""  # no longer than the query string or the body, both checked against max_body
    items = q.param_items()
    if items:
        raise InputError(f"a typed game has no parameters, got {', '.join(items)}", field="params")
    game = parse_bimatrix_text(text, max_size=lab.max_typed)
    return game.in_arithmetic(exact)


def _source(lab: LabConfig, q: Query, command: str, exact: bool | None = None, any_kind: bool = True) -> _Source:
    """``load_any`` (solve, info) or ``load_source`` (bargain) of the model file, or the typed game."""
    from ..io import load_any, load_source
    from ..io.bimatrix_text import TYPED_PATH
    from ..overrides import parse_overrides

    if q.get("game") is not None:
        if q.get("model") is not None:
            raise InputError("give model=NAME or game=TEXT, not both", field="game")
        return _Source(_typed_game(lab, q, exact), None, TYPED_PATH, {})
    path = _model_file(lab, q, command)
    params = parse_overrides(q.param_items(), path=path)
    with located(path):
        game, model = (load_any if any_kind else load_source)(path, params, exact=exact)
    return _Source(game, model, path, params)


def _solve_result(lab: LabConfig, q: Query) -> tuple[Any, _Source]:
    """What ``gametheory solve PATH`` computes, with its checks in its order."""
    from ..solvers.dispatch import check_kernel, check_method, check_render_format, solve_source

    method = q.get("method", "auto") or "auto"
    fmt = q.get("format", "json") or "json"
    if fmt != "json" and fmt not in TABLE_FORMATS:
        raise InputError(f"format must be json, {', '.join(TABLE_FORMATS)}; got {fmt!r}", field="format")
    kernel = q.get("kernel")
    check_kernel(method, kernel)
    exact = q.exactness()
    source = _source(lab, q, "solve", exact)
    options: dict[str, Any] = {"max_cost": lab.cost(q)}
    if kernel is not None:
        options["kernel"] = kernel
    check_method(source.game, method, source.path)
    if fmt != "json":
        check_render_format(source.game, method, fmt)
    return solve_source(source.game, method, exact, path=source.path, **options), source


def _solve(lab: LabConfig, q: Query) -> Response:
    from ..display import render_result
    from ..display.formats import Format

    result, _ = _solve_result(lab, q)
    fmt = q.get("format", "json") or "json"
    if fmt == "json":
        return _json(result.to_json())
    return Response(render_result(result, cast(Format, fmt)) + "\n", mimetype=TABLE_FORMATS[fmt])


def _info(lab: LabConfig, q: Query) -> Response:
    from ..game_info import info_of

    source = _source(lab, q, "info", q.exactness())
    return _json(info_of(source.game, source.model, source.params, max_cost=lab.cost(q)).to_json())


def _regions_report(lab: LabConfig, q: Query) -> tuple[Any, Any, dict]:
    """``regions PATH --vary ... --json``'s report, its space and the current point of the varied parameters.

    The page sends every parameter's current value; a varied parameter's value
    is not held fixed (the command would refuse ``--vary p --param p=...``) but
    is the point the figure marks.
    """
    from ..assumptions.regions_report import MarginsReport, RegionsReport, margins_report, regions_report
    from ..assumptions.space import load_study, parse_vary
    from ..overrides import parse_overrides

    path = _model_file(lab, q, "regions")
    assumptions = not q.flag("no_assumptions")
    with located(path):
        model, space = load_study(path)
        params = parse_overrides(q.param_items(), path=path)
        texts = q.getlist("vary")
        if not texts and not q.flag("margins"):
            if not space.names:
                raise InputError("the model has no parameters to vary", field="--vary")
            texts = [space.names[0]]
        varied = {t.partition("=")[0].strip() for t in texts}
        fixed = space.fixed({k: v for k, v in params.items() if k not in varied}, field="--param")
        report: MarginsReport | RegionsReport
        if q.flag("margins"):
            report = margins_report(model, q.whole("prediction", 1), assumptions=assumptions, max_cost=lab.cost(q))
        else:
            report = regions_report(model, [parse_vary(v, space) for v in texts], fixed, assumptions=assumptions,
                                    max_cost=lab.cost(q))
        at = space.fixed({k: params.get(k, space.defaults[k]) for k in varied if k in space.names}, field="--param")
    return report, space, at


def _regions(lab: LabConfig, q: Query) -> Response:
    report, _, _ = _regions_report(lab, q)
    return _json(report.to_json())


def _bargain_report(lab: LabConfig, q: Query) -> Any:
    """``bargain PATH --json``'s report: the options override the model's table, which overrides the defaults."""
    from ..bargaining.request import BargainingRequest, bargain
    from ..bargaining.spec import parse_solution

    solution = q.get("solution")
    if solution is not None:  # refused before the model is read, as the command's --solution choices are
        parse_solution(solution)
    source = _source(lab, q, "bargain", any_kind=False)
    with located(source.path):
        req = BargainingRequest.from_text(solution, q.get("disagreement"), q.flag("free_disposal"), q.get("delta"),
                                          q.get("first"), lab.cost(q))
        return bargain(source.game if source.model is None else source.model, req, source.params)


def _bargain(lab: LabConfig, q: Query) -> Response:
    return _json(_bargain_report(lab, q).to_json())


def _check(lab: LabConfig, q: Query) -> Response:
    from ..model_checks import check_method_name, check_paths
    from ..overrides import parse_overrides

    if q.get("game") is not None:
        raise InputError("check tests a model's predictions: give model=NAME", field="game")
    path = _model_file(lab, q, "check")
    method = check_method_name(q.get("method", "auto") or "auto")
    report = check_paths(path, parse_overrides(q.param_items()), method, max_cost=lab.cost(q))
    return _json(report.to_json(), ensure_ascii=False)


def _figure(lab: LabConfig, q: Query, name: str) -> Response:
    """The SVG of the figure the matching command draws with ``--plot`` (``regions.svg`` marks the current point)."""
    if name not in FIGURES:
        raise UnknownModelError(f"no figure named {name!r}; choose one of {', '.join(FIGURES)}")
    from ..assumptions.plots import to_svg
    from ..figures import bargain_figure, regions_figure, solve_figure

    if name == "game.svg":
        result, source = _solve_result(lab, q)
        fig = solve_figure(result, source.game)
    elif name == "regions.svg":
        report, space, at = _regions_report(lab, q)
        fig = regions_figure(report, space, at=at)
    else:
        fig = bargain_figure(_bargain_report(lab, q))
    return Response(to_svg(fig), mimetype="image/svg+xml")


_HANDLERS: dict[str, Callable[..., Response]] = {
    "info": _info, "solve": _solve, "regions": _regions, "bargain": _bargain, "check": _check,
}
