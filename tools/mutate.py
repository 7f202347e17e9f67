"""A small mutation runner: what does the test suite fail to pin in the core modules?

    python tools/mutate.py                 # units, loader, layout, quiz, maps
    python tools/mutate.py layout -v       # one module, each mutant's line and fate
    python tools/mutate.py loader --list   # only list the mutants, run nothing

Each mutant changes one point of one module, aimed at limits and guards: a comparison `>` <-> `>=`,
`<` <-> `<=`; a module constant +1 and -1; `and` <-> `or`; a unary minus dropped; a `raise` deleted
(replaced by `pass`); an `if` guard that returns, breaks or continues made never true. The mutated module
goes into a copy of the package in a temporary folder, first on sys.path and PYTHONPATH, so subprocess tests
of the `roros` script see the mutant too and the working tree is never touched. Each mutant runs the module's
fast test files (MODULE_TESTS) with `-x` in a forked pytest: a failing test or a hang (past --timeout) kills
it; a mutant that passes every test survived, and is a line the suite does not pin.

Why a script of our own rather than mutmut: mutmut 3 mutates every expression (thousands of mutants for these
modules: hours on two cores), runs from its own copy of the tree with its own trampolines (the subprocess
tests of the installed `roros` script would not see the mutant), and its operators are not the limits and
guards this project cares about. This runner is stdlib only, about 300 lines, and a module takes minutes.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "roros_cli"

# The fast test files that exercise each module, the ones that fail soonest first (-x stops at the first).
_QUESTIONS = ["test_questions_format.py"]  # a questions file is checked by the data file's rules
MODULE_TESTS: dict[str, list[str]] = {
    "units": ["test_pinned_units.py", "test_units_rules.py", "test_units.py"],
    "loader": ["test_pinned_loader.py", "test_limits.py", "test_broken_files.py", "test_loader.py"],
    "layout": ["test_pinned_layout.py", "test_layout_rules.py", "test_info.py"],
    "quiz": ["test_pinned_quiz.py", "test_quiz.py", "test_classroom.py"],
    "maps": ["test_pinned_maps.py", "test_map_and_sun.py"],
    # What issue 25 split out of those modules: the loader's checks, the quiz's marking, the map's parts.
    "rules": ["test_pinned_rules.py", "test_pinned_loader.py", "test_limits.py", "test_broken_files.py", *_QUESTIONS],
    "problems": ["test_pinned_problems.py", "test_pinned_loader.py", "test_limits.py", "test_broken_files.py"],
    "questions": ["test_pinned_loader.py", "test_questions_format.py", "test_quiz_questions_file.py"],
    "marking": ["test_pinned_quiz.py", "test_quiz.py", "test_classroom.py"],
    "maplabels": ["test_pinned_maplabels.py", "test_pinned_maps.py", "test_map_and_sun.py"],
    "mapterm": ["test_pinned_maps.py", "test_map_and_sun.py"],
    "mapexport": ["test_pinned_maps.py", "test_map_and_sun.py"],
}


# Mutants that cannot change what the program does, only how fast (a fast path that the general path repeats),
# or that no input reaches: no test can kill them, so they are listed apart and left out of the score.
# (module, start of the mutation): each names the first mutant of its module that it matches, in source order,
# or with " @N" the N-th (where the same text is mutated in several places).
_UNREACHABLE = (
    "unreachable: check_fields runs this rule only for a key the table holds (never a required one); TOML has no null"
)
EQUIVALENT: dict[tuple[str, str], str] = {
    ("layout", "`len(text) <= width` -> `len(text) < width`"): "wrap's fast path; the general path gives the same",
    ("layout", "`if len(text) <= width and '\\n' not in text"): "wrap's fast path; the general path gives the same",
    ("units", "`if stripped.isascii() and stripped.replace("): "parse_typed's fast path; the pattern gives the same",
    ("units", "`len(named) > 1` -> `len(named) >= 1`"): "the unit table has three dimensions that convert, never one",
    # format_fixed's fast path and _format_number's cuts at their limits: checked against the unmutated module on
    # 60,000 random figures, precisions and notations, with no difference, and argued here.
    ("units", "`1.0 <= size < 990000000.0` -> `1.0 < size < 990000000.0`"): (
        "format_fixed's fast path: at exactly 1 the general path gives the same"
    ),
    ("units", "`1.0 <= size < 990000000.0` -> `1.0 <= size <= 990000000.0`"): (
        "format_fixed's fast path: at exactly 9.9e8 the general path gives the same"
    ),
    ("units", "`len(show) <= _MAX_SIGFIG + 1` -> `len(show) < _MAX_SIGFIG + 1`"): (
        "format_fixed's fast path: 14 figures and a point are not cut by the general path either"
    ),
    ("units", "`if not scientific and 1.0 <= size < 990000000.0 and (len(show) <= _MAX"): (
        "format_fixed's fast path: the general path gives the same (checked on 200,000 random figures)"
    ),
    ("units", "`len(show.partition('.')[0]) > 3` -> `len(show.partition('.')[0]) >= 3`"): (
        "format_fixed's fast path: a figure of three digits before the point has no comma to add either way"
    ),
    ("units", "`number < 0` -> `number <= 0`"): "format_fixed's fast path: |number| >= 1 there, never a zero to sign",
    ("units", "`number < 0` -> `number <= 0` @2"): (
        "a zero is shown as zeros, which the sign's check strips to nothing: no sign either way"
    ),
    ("units", "`-len(text)` -> `len(text)`"): (
        "the symbols' order: the layout puts them in one lookahead, which matches if any symbol does, in any order"
    ),
    ("units", "`zeros > _MAX_SIGFIG` -> `zeros >= _MAX_SIGFIG`"): "exactly 14 zeros are replaced by 14 zeros",
    ("units", "`len(figures) > _MAX_SIGFIG` -> `len(figures) >= _MAX_SIGFIG`"): "exactly 14 figures cut to 14",
    ("units", "`len(show) > _MAX_SIGFIG + len(dot)` -> `len(show) >= _MAX_SIGFIG + len(dot)`"): (
        "exactly 14 figures cut to 14"
    ),
    ("units", "`exponent >= len(show)` -> `exponent > len(show)`"): (
        "at equality the point goes after the last figure and is stripped: the same text"
    ),
    ("units", "`exponent <= 0` -> `exponent < 0`"): (
        "dead branch: an exponent of 0 or less only comes with at least `low` zeros, which is scientific notation"
    ),
    ("units", "`-exponent` -> `exponent`"): "the same dead branch as `exponent <= 0`",
    ("units", "`point >= 0` -> `point > 0` @2"): "group_thousands: no figure starts with its decimal point",
    ("units", "`if (point if point >= 0 else len(text)) - text.startswith('-') < 4:` -> `if False:`"): (
        "group_thousands's fast path: the general path groups nothing under four digits either"
    ),
    ("units", "`abs(out) > 1e+307` -> `abs(out) >= 1e+307`"): (
        "at exactly 1e307 the figure shown is finite, so neither refuses it"
    ),
    ("units", "`steps.adjust < 0` -> `steps.adjust <= 0`"): (
        "the adjustment is exactly 0 only for two units a factor of exactly 2 apart; the table has none"
    ),
    ("loader", "`len(raw) > 1` -> `len(raw) >= 1`"): "one byte has no odd byte to count, as no byte has",
    ("loader", "`descriptor >= 0` -> `descriptor > 0`"): "descriptor 0 is standard input, never the data file's",
    ("loader", "`raise DataError([Problem(shown, 'is a directory, not a data ` -> `pass`"): (
        "where opening a directory fails (not Linux, where fstat finds it, the next check)"
    ),
    # The loader's checks: any problem refuses the whole file, so what happens after the first one is only speed.
    ("loader", "`report.problems or place is None` -> `report.problems and place is None`"): (
        "check() returns None exactly when there are problems (a missing source is always one)"
    ),
    ("loader", "`source is None or report.problems` -> `source is None and report.problems`"): (
        "a missing source always comes with a problem, and parse() refuses a file with problems however built"
    ),
    ("loader", "`if source is None or report.problems:` -> `if False:`"): (
        "parse() refuses a file with problems, with or without the Place built"
    ),
    ("loader", "`if found['source_title'] is None:` -> `if False:`"): (
        "a missing title is a problem, so the file is refused anyway"
    ),
    ("loader", "`if report.full:` -> `if False:`"): (
        "speed only: add() drops every problem once the report is full, and a file with a problem is refused whole"
    ),
    ("loader", "`if report.full:` -> `if False:` @2"): (
        "speed only: add() drops every problem once the report is full, and a file with a problem is refused whole"
    ),
    ("rules", "`if isinstance(item, bool):` -> `if False:`"): (
        "a boolean is an integer of size 1, not a float or a text: the checks after this one pass it too"
    ),
    ("rules", "`if item is None:` -> `if False:` @2"): _UNREACHABLE,
    ("rules", "`if item is None:` -> `if False:` @3"): _UNREACHABLE,
    ("rules", "`if item is None:` -> `if False:` @4"): _UNREACHABLE,
    ("rules", "`if item is None:` -> `if False:` @5"): _UNREACHABLE,
    ("rules", "`if item is None:` -> `if False:` @6"): _UNREACHABLE,
    ("rules", "`if item is None:` -> `if False:` @7"): _UNREACHABLE,
    ("rules", "`if item is None:` -> `if False:` @8"): _UNREACHABLE,
    ("rules", "`if report.full:` -> `if False:`"): (
        "speed only: add() drops every problem once the report is full, and a file with a problem is refused whole"
    ),
    ("quiz", "`size < 1e-300` -> `size <= 1e-300`"): "at exactly 1e-300 the round step is 1e-300 too",
    ("marking", "`if not far:` -> `if False:`"): (
        "the figures span six decades, so one is always ten times off a finite value (the loader refuses others)"
    ),
    ("marking", "`question.value is not None and question.accepted is not None` -> "): (
        "an assert for the type checker: a number question always has both"
    ),
    ("maps", "`0` -> `-1`"): "a population is a count: none is below 0, so at least -1 and at least 0 keep the same",
    ("maplabels", "`max(a[0], b[0]) < 0 or min(a[0], b[0]) > self.width or max(a[1], b[1]) < 0 or (min(a[1]"): (
        "speed only: a segment wholly off the canvas never meets a label's box, which free() keeps on it"
    ),
    ("maplabels", "`if max(a[0], b[0]) < 0 or min(a[0], b[0]) > self.width or max(a[1], b["): (
        "speed only: a segment wholly off the canvas never meets a label's box, which free() keeps on it"
    ),
    ("mapterm", "`placed.kind == 'place' and placed.at is not None` -> `placed.kind == 'place' or"): (
        "the town's own marker is then drawn as a place's and at once overwritten by the town's, in the same cell"
    ),
    ("mapterm", "`max(x0, x1) < -1` -> `max(x0, x1) <= -1`"): "speed only: dots at x <= -1 fall off the canvas anyway",
    ("mapterm", "`min(x0, x1) > width` -> `min(x0, x1) >= width`"): "speed only: dots at x >= width fall off anyway",
    ("mapterm", "`max(y0, y1) < -1` -> `max(y0, y1) <= -1`"): "speed only: dots at y <= -1 fall off the canvas anyway",
    ("mapterm", "`min(y0, y1) > height` -> `min(y0, y1) >= height`"): "speed only: dots at y >= height fall off anyway",
    ("mapterm", "`max(x0, x1) < -1 or min(x0, x1) > width or max(y0, y1) < -1 or (min(y0, y1) > height)` -> "): (
        "speed only: each dot is checked against the canvas again before it is set"
    ),
    ("mapterm", "`if max(x0, x1) < -1 or min(x0, x1) > width or max(y0, y1) < -1 or (min"): (
        "speed only: each dot is checked against the canvas again before it is set"
    ),
    ("maps", "`west <= x <= east` -> `west <= x < east`"): (
        "Faces' box check: a point on a polygon's easternmost longitude is outside by the ray cast anyway (no edge"
        " lies east of it; only a rounding exactly at that vertex could count one)"
    ),
    ("maps", "`south <= y <= north` -> `south <= y < north`"): (
        "Faces' box check: a point on a polygon's northernmost latitude is outside by the ray cast anyway (no edge"
        " end lies above it, so no edge is counted)"
    ),
    ("maps", "`distance_km(point, (p.longitude, p.latitude)) > NEIGHBOUR_KM` -> "): (
        "distance_km never returns exactly 15.0: 2R asin(x) steps over it (a test in test_pinned_maps shows it)"
    ),
    ("maplabels", "`distance_km(point, (p.longitude, p.latitude)) <= NEIGHBOUR_KM` -> "): (
        "distance_km never returns exactly 15.0: 2R asin(x) steps over it (a test in test_pinned_maps shows it)"
    ),
    ("maplabels", "`if q < 0:` -> `if False:`"): (
        "only crosses() calls the clipping, after a bounding-box test that already drops a parallel segment outside"
    ),
    ("maplabels", "`p < 0` -> `p <= 0`"): "p is never 0 in that branch: 0 is handled just before",
    ("mapexport", "`aspect >= 16 / 9` -> `aspect > 16 / 9`"): "at exactly 16:9 both branches give 1600 x 900",
    ("mapexport", "`label.kind == 'town' and label.at is not None` -> `label.kind == 'town' or"): (
        "a place's name is at most 9 px from its marker (gap 9, slant 6), under the 20 px a leader needs"
    ),
    ("mapexport", "`town is not None and town.at is not None` -> `town is not None or"): (
        "layout always gives the town's label, with its marker's point"
    ),
}


def equivalents(found: list[Mutant]) -> dict[int, str]:
    """Why each equivalent mutant of `found` is equivalent, by its index."""
    why: dict[int, str] = {}
    for (module, what), reason in EQUIVALENT.items():
        what, _, nth = what.partition(" @")  # "... @2": the second mutant that matches, where the text repeats
        matching = [m for m in mutants_of(module) if m.what.startswith(what)]
        first = matching[int(nth or 1) - 1] if len(matching) >= int(nth or 1) else None
        if first is not None and any(m.index == first.index and m.module == module for m in found):
            why[first.index] = reason
    return why


@dataclass(frozen=True)
class Mutant:
    module: str
    index: int  # the index-th mutation site of the module, in the order the visitor meets them
    line: int
    what: str  # "`len(raw) > MAX_BYTES` -> `len(raw) >= MAX_BYTES`"


# ---------------------------------------------------------------------------------------------- operators

_COMPARE_SWAP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
}
_ENDS = (ast.Return, ast.Raise, ast.Continue, ast.Break)


def _is_int(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def _is_docstring_or_type(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and not isinstance(node.value, (int, float))


class _Sites(ast.NodeTransformer):
    """Walks a module; with `target` None it records each mutation site, else it mutates the target-th one."""

    def __init__(self, target: int | None) -> None:
        self.target = target
        self.count = 0
        self.found: list[tuple[int, str]] = []
        self.done = False
        self._int_context = 0  # >0 inside a comparison, a slice, a module constant or a default argument

    def _site(self, node: ast.AST, before: str, after: str, mutate: Callable[[], ast.AST]) -> ast.AST:
        index = self.count
        self.count += 1
        if self.target is None:
            self.found.append((getattr(node, "lineno", 0), f"`{before}` -> `{after}`"))
            return node
        if index == self.target:
            self.done = True
            return mutate()
        return node

    # -- limits: comparisons and integer constants

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        if "version_info" in ast.unparse(node):
            return node  # which Python runs the tests is not for the tests to notice
        for position, op in enumerate(node.ops):
            swapped = _COMPARE_SWAP.get(type(op))
            if swapped is None:
                continue
            before = ast.unparse(node)
            changed = ast.Compare(node.left, list(node.ops), node.comparators)
            changed.ops[position] = swapped()
            after = ast.unparse(changed)

            def mutate(changed: ast.Compare = changed) -> ast.AST:
                return ast.copy_location(changed, node)

            result = self._site(node, before, after, mutate)
            if result is not node:
                return result
        return node

    def visit_Assign(self, node: ast.Assign) -> ast.AST:
        return self._constant_holder(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        return self._constant_holder(node)

    def _constant_holder(self, node: ast.Assign | ast.AnnAssign) -> ast.AST:
        top = node.col_offset == 0  # a module-level constant such as STACK_BELOW = 60
        self._int_context += top
        self.generic_visit(node)
        self._int_context -= top
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if not self._int_context or type(value) is not int:  # not bool, which is an int too
            return node
        for delta in (1, -1):
            changed = value + delta

            def mutate(changed: int = changed) -> ast.AST:
                return ast.copy_location(ast.Constant(changed), node)

            result = self._site(node, repr(value), repr(changed), mutate)
            if result is not node:
                return result
        return node

    # -- guards: boolean operators, negations, raises, early exits

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        other: ast.boolop = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        changed = ast.BoolOp(other, node.values)
        return self._site(node, ast.unparse(node), ast.unparse(changed), lambda: ast.copy_location(changed, node))

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.USub) and not _is_int(node.operand):  # `-x` -> `x`; `-1` is an index
            return self._site(node, ast.unparse(node), ast.unparse(node.operand), lambda: node.operand)
        return node

    def visit_Raise(self, node: ast.Raise) -> ast.AST:
        self.generic_visit(node)
        return self._site(node, ast.unparse(node)[:60], "pass", lambda: ast.copy_location(ast.Pass(), node))

    def visit_If(self, node: ast.If) -> ast.AST:
        self.generic_visit(node)
        if not isinstance(node.body[-1], _ENDS) or isinstance(node.body[0], ast.Raise):
            return node  # a guard that only raises is mutated by deleting its raise
        if any(name in ast.unparse(node.test) for name in ("version_info", "TYPE_CHECKING", "platform")):
            return node
        changed = ast.If(ast.Constant(False), node.body, node.orelse)
        before = f"if {ast.unparse(node.test)}:"[:70]
        return self._site(node, before, "if False:", lambda: ast.copy_location(changed, node))


def sites(source: str) -> list[tuple[int, str]]:
    visitor = _Sites(None)
    visitor.visit(ast.parse(source))
    return visitor.found


def mutated(source: str, index: int) -> str:
    tree = ast.parse(source)
    visitor = _Sites(index)
    tree = visitor.visit(tree)
    if not visitor.done:
        raise ValueError(f"no mutation site {index}")
    return ast.unparse(ast.fix_missing_locations(tree))


def mutants_of(module: str) -> list[Mutant]:
    """Every mutant of the module (cached: the source is parsed once)."""
    if module not in _MUTANTS:
        _MUTANTS[module] = mutants(module)
    return _MUTANTS[module]


_MUTANTS: dict[str, list[Mutant]] = {}


def mutants(module: str) -> list[Mutant]:
    source = (PACKAGE / f"{module}.py").read_text(encoding="utf-8")
    return [Mutant(module, index, line, what) for index, (line, what) in enumerate(sites(source))]


# ---------------------------------------------------------------------------------------------- running


def _tree_with(mutant: Mutant, folder: Path) -> Path:
    """A copy of the package with the one module mutated; data/ beside it as in the source tree."""
    package = folder / "src" / "roros_cli"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "data").symlink_to(ROOT / "data", target_is_directory=True)
    source = (PACKAGE / f"{mutant.module}.py").read_text(encoding="utf-8")
    (package / f"{mutant.module}.py").write_text(mutated(source, mutant.index), encoding="utf-8")
    return folder / "src"


def _pytest_argv(tests: list[str], basetemp: Path) -> list[str]:
    argv = ["-x", "-q", "-p", "no:cacheprovider", "-n", "0", "--basetemp", str(basetemp)]
    return argv + [str(ROOT / "tests" / name) for name in tests]


def _fate(code: int) -> str:
    """pytest's exit status as the mutant's fate: 0 passed (survived); 1 failed, 2 interrupted or a collection
    error (the module no longer imports), or a signal: killed; 4 or 5 (no tests ran): an error of this tool."""
    if code == 0:
        return "survived"
    return "error" if code in (4, 5) else "killed"


def _warm_up() -> None:
    """Import what every test run needs, once: each forked run starts from here (the runs cost a third)."""
    for name in ("pytest", "hypothesis", "typer.testing", "rich.console", "jinja2", "xdist", "pytest_timeout"):
        try:
            __import__(name)
        except ImportError:
            pass


def _start(tests: list[str], src: str | None, basetemp: Path) -> int:
    """Fork a child that runs pytest on `tests` with `src` first on the path (and PYTHONPATH, for the
    subprocesses the tests start); the parent never imports roros_cli, so the child imports the mutant."""
    pid = os.fork()
    if pid:
        return pid
    code = 3
    try:
        os.setpgrp()  # a group of its own, so a hang is killed with every process it started
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.chdir(ROOT)
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
        if src is not None:
            os.environ["PYTHONPATH"] = src + os.pathsep + os.environ.get("PYTHONPATH", "")
            sys.path.insert(0, src)
        import pytest

        code = int(pytest.main(_pytest_argv(tests, basetemp)))
    finally:
        os._exit(code)


def run_all(jobs: list[tuple[list[str], Mutant | None]], parallel: int, timeout: float) -> Iterator[str]:
    """Each job's fate, in order, running `parallel` at once; a run past `timeout` seconds is a hang (killed)."""
    fates: dict[int, str] = {}
    running: dict[int, tuple[int, float, tempfile.TemporaryDirectory[str]]] = {}
    waiting = list(enumerate(jobs))
    reported = 0
    while waiting or running:
        while waiting and len(running) < parallel:
            index, (tests, mutant) = waiting.pop(0)
            folder = tempfile.TemporaryDirectory(prefix="roros-mutant-")
            src = str(_tree_with(mutant, Path(folder.name))) if mutant is not None else None
            pid = _start(tests, src, Path(folder.name) / "pytest")
            running[pid] = (index, time.monotonic() + timeout, folder)
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            for child, (index, deadline, folder) in list(running.items()):
                if time.monotonic() > deadline:
                    os.killpg(child, 9)
                    os.waitpid(child, 0)
                    fates[index] = "timeout"
                    folder.cleanup()
                    del running[child]
            time.sleep(0.1)
        elif pid in running:
            index, _, folder = running.pop(pid)
            fates[index] = _fate(os.waitstatus_to_exitcode(status))
            folder.cleanup()
        while reported in fates:
            yield fates.pop(reported)
            reported += 1


def _existing(tests: list[str]) -> list[str]:
    return [name for name in tests if (ROOT / "tests" / name).exists()]


def report(module: str, results: list[tuple[Mutant, str]], verbose: bool) -> tuple[int, int]:
    apart = equivalents([mutant for mutant, _ in results])
    scored = [(mutant, fate) for mutant, fate in results if mutant.index not in apart]
    killed = sum(fate in ("killed", "timeout") for _, fate in scored)
    total = len(scored)
    share = 100 * killed / total if total else 100.0
    left_out = f", {len(apart)} equivalent left out" if apart else ""
    print(f"{module:8} {killed:3}/{total:<3} killed ({share:.0f} %){left_out}")
    for mutant, fate in results:
        why = apart.get(mutant.index)
        if verbose or fate in ("survived", "error") or why:
            print(
                f"    {'equivalent' if why else fate:10} {module}.py:{mutant.line}: {mutant.what}"
                + (f" ({why})" if why else "")
            )
    return killed, total


def _iterate(module: str, parallel: int, timeout: float, only: str | None) -> Iterator[tuple[Mutant, str]]:
    tests = _existing(MODULE_TESTS[module])
    found = mutants(module)
    if only:
        first, _, last = only.partition("-")
        found = [mutant for mutant in found if int(first) <= mutant.index <= int(last or first)]
    fates = run_all([(tests, mutant) for mutant in found], parallel, timeout)
    for done, (mutant, fate) in enumerate(zip(found, fates, strict=True), start=1):
        print(f"[{done}/{len(found)}] {fate:9} {module}.py:{mutant.line}: {mutant.what}", file=sys.stderr, flush=True)
        yield mutant, fate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("modules", nargs="*", default=list(MODULE_TESTS), help="modules of roros_cli to mutate")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="mutants run at once")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a mutant's run counts as a hang")
    parser.add_argument("--list", action="store_true", help="list the mutants and run nothing")
    parser.add_argument(
        "--only", metavar="FIRST-LAST", help="only the mutants numbered FIRST to LAST (as --list numbers them)"
    )
    parser.add_argument("--no-baseline", action="store_true", help="do not first check that the tests pass")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every mutant, not only survivors")
    options = parser.parse_args(argv)
    unknown = [name for name in options.modules if name not in MODULE_TESTS]
    if unknown:
        parser.error(f"no tests are listed for {', '.join(unknown)}; known: {', '.join(MODULE_TESTS)}")
    if options.list:
        for module in options.modules:
            for mutant in mutants(module):
                print(f"{module}.py:{mutant.line}: #{mutant.index} {mutant.what}")
        return 0
    started = time.monotonic()
    _warm_up()
    baseline_tests = _existing([name for module in options.modules for name in MODULE_TESTS[module]])
    baseline = "survived" if options.no_baseline else next(run_all([(baseline_tests, None)], 1, 900))
    if baseline != "survived":
        print(f"the unmutated tests do not pass ({baseline}): fix them first", file=sys.stderr)
        return 1
    killed = total = 0
    for module in options.modules:
        results = list(_iterate(module, options.jobs, options.timeout, options.only))
        module_killed, module_total = report(module, results, options.verbose)
        killed, total = killed + module_killed, total + module_total
    minutes = (time.monotonic() - started) / 60
    print(f"all      {killed:3}/{total:<3} killed ({100 * killed / max(total, 1):.0f} %) in {minutes:.0f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
