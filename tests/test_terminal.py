"""What a person sees at 40, 80 and 160 columns, in a real process: nothing wider than the terminal, no key or
figure broken across lines, no trailing blanks in a pipe, marks that survive an ASCII terminal."""

from __future__ import annotations

import re

import pytest

from roros_cli import loader
from roros_cli.query import conversions, display_value

from conftest import run_process

WIDTHS = (40, 80, 160)
VIEWS = [
    [],
    ["--help"],
    ["info"],
    ["info", "--sources"],
    ["keys"],
    ["search", "glamos"],
    ["search", "unesco"],
    ["search", "sq mi"],
    ["check"],
    ["timeline"],
    ["time", "--at", "2026-07-01T12:00:00Z"],
    ["info", "--help"],
    ["quiz", "--help"],
    ["convert", "--help"],
]


def _shown(roros: str, args: list[str], width: int) -> list[str]:
    run = run_process([roros, *args], env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == b""
    return run.stdout.decode().split("\n")[:-1]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", VIEWS, ids=lambda args: " ".join(args) or "(none)")
def test_nothing_is_wider_than_the_terminal_and_no_line_ends_in_blanks(
    roros_script: str, args: list[str], width: int
) -> None:
    lines = _shown(roros_script, args, width)
    assert lines
    for line in lines:
        assert len(line) <= width, line
        assert line == line.rstrip(), f"trailing blanks: {line!r}"


@pytest.mark.parametrize("width", WIDTHS)
def test_no_key_or_figure_is_broken_across_lines(roros_script: str, width: int) -> None:
    place = loader.load()
    keys = _shown(roros_script, ["keys"], width)
    for key in place.all_keys():
        assert key in keys or any(line.strip().startswith(key) for line in keys), key
    sheet = _shown(roros_script, ["info"], width)
    figures = [shown.text for fact in place.facts.values() for shown in conversions(fact)]
    figures += [display_value(fact).split(" (")[0] for fact in place.facts.values() if fact.unit]
    for figure in figures:
        assert any(figure in line for line in sheet), f"{figure!r} is split at {width} columns"


def test_narrow_terminals_stack_label_over_value(roros_script: str) -> None:
    lines = _shown(roros_script, ["info"], 40)
    at = lines.index("Elevation")
    assert lines[at + 1] == "  630 m (2,070 ft)"
    wide = _shown(roros_script, ["info"], 80)
    assert any(re.fullmatch(r"Elevation +630 m \(2,070 ft\)", line) for line in wide)


def test_the_label_column_is_as_wide_as_it_needs_to_be(roros_script: str) -> None:
    wide = _shown(roros_script, ["info"], 160)
    row = next(line for line in wide if line.startswith("Name (Norwegian)"))
    gap = len(row) - len("Name (Norwegian)") - len("Røros")
    longest = max(len(fact.label) for fact in loader.load().facts.values())
    assert gap <= longest - len("Name (Norwegian)") + 2  # not ~48 blanks apart


def test_no_repeats_or_doubled_brackets(roros_script: str) -> None:
    sheet = "\n".join(_shown(roros_script, ["info"], 160))
    assert "1,181/km² (3,060/sq mi) in 2024" in sheet  # after brackets, the year in words
    assert ") (20" not in sheet
    timeline = _shown(roros_script, ["timeline"], 80)
    assert any(re.fullmatch(r"1646 +Established \(as Bergstaden\)", line) for line in timeline)
    check = "\n".join(_shown(roros_script, ["check", "--plain"], 160))  # the plain lines quote the source
    assert "Density 1,181/km2" in check and "Density1,181" not in check


def test_plurals(roros_script: str) -> None:
    assert _shown(roros_script, ["search", "elevation"], 80)[0] == "1 fact matches “elevation”"
    assert _shown(roros_script, ["search", "glamos"], 80)[0] == "3 facts match “glamos”"
    quiz = run_process([roros_script, "quiz", "-n", "1", "--seed", "3"], input="1\n").stdout.decode()
    assert "1 question (" in quiz and "1 questions" not in quiz


def test_marks_fall_back_to_words_on_an_ascii_terminal(roros_script: str) -> None:
    run = run_process([roros_script, "check"], env={"PYTHONIOENCODING": "ascii", "COLUMNS": "100"})
    out = run.stdout.decode("ascii")
    assert re.search(r"^ok +3,909 people \(2024\)", out, re.MULTILINE)
    assert re.search(r"^MISMATCH +5,667 people \(2025\)", out, re.MULTILINE)
    info = run_process([roros_script, "info"], env={"PYTHONIOENCODING": "ascii"}).stdout.decode("ascii")
    assert "! The source also gives" in info
    assert "? the source" not in info


def test_every_command_summary_is_whole_in_help(roros_script: str) -> None:
    lines = _shown(roros_script, ["--help"], 80)
    commands = lines[lines.index("Commands:") + 1 :]
    summaries = [line for line in commands if re.match(r"  [a-z]+ {2,}\S", line)]
    assert len(summaries) == 14
    assert not any(line.rstrip().endswith("...") for line in summaries)


def test_quiz_help_is_not_garbled(roros_script: str) -> None:
    text = "\n".join(_shown(roros_script, ["quiz", "--help"], 80))
    assert "printf '1\\n1\\n' |\n      roros quiz -n 2 --seed 7" in text
    assert "    On a terminal" not in text  # no stray indentation


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["info", "--json", "--plain"], "--json and --plain cannot be used together"),
        (["info", "--json", "--export", "x.svg"], "--json and --export cannot be used together"),
        (["keys", "--plain", "--export", "x.svg"], "--plain and --export cannot be used together"),
        (["info", "--export", ""], "--export needs a file name"),
        (["convert", "630", "m", "ft", "--explain", "--json"], "--json and --explain cannot be used together"),
        (["search", " "], "search needs a word"),
        (["time", "--at", ""], "--at needs a time"),
        (["time", "--at", "0001-01-01T00:00:00+05:00"], "outside the range of dates"),
        (["get", "area", "elevation", "--json"], "--json takes one key"),
    ],
)
def test_options_that_cannot_work_together_are_refused(roros_script: str, args: list[str], message: str) -> None:
    run = run_process([roros_script, *args])
    assert run.returncode == 2
    assert message in run.stderr.decode()
    assert run.stdout == b""


def test_get_several_keys_and_units(roros_script: str) -> None:
    run = run_process([roros_script, "get", "area", "elevation", "population"])
    assert run.stdout == b"3.31\n630\n3909\n"
    assert run_process([roros_script, "get", "area", "--units", "imperial"]).stdout == b"1.28\n"
    assert run_process([roros_script, "get", "elevation", "--units", "imperial"]).stdout == b"2070\n"
    assert run_process([roros_script, "get", "area", "--units", "metric"]).stdout == b"3.31\n"


def test_time_without_an_offset_is_local_time_in_the_town(roros_script: str) -> None:
    run = run_process([roros_script, "time", "--at", "2026-12-24T15:00", "--json"])
    assert b'"timestamp": "2026-12-24T15:00:00+01:00"' in run.stdout
    utc = run_process([roros_script, "time", "--at", "2026-12-24T15:00Z", "--json"])
    assert b'"timestamp": "2026-12-24T16:00:00+01:00"' in utc.stdout


@pytest.mark.parametrize(
    ("term", "key"), [("sq mi", "area"), ("km²", "area"), ("10 km", "villages"), ("2,070 ft", "elevation")]
)
def test_search_finds_what_the_views_show(roros_script: str, term: str, key: str) -> None:
    run = run_process([roros_script, "search", term, "--plain"])
    assert run.returncode == 0
    assert run.stdout.decode().startswith(key)


def test_show_completion_prints_the_script_for_the_shell_named(roros_script: str) -> None:
    zsh = run_process([roros_script, "--show-completion", "zsh"], env={"SHELL": "/bin/bash"}).stdout
    assert zsh.startswith(b"#compdef roros")
    bash = run_process([roros_script, "--show-completion", "bash"], env={"SHELL": "/bin/zsh"}).stdout
    assert b"complete -o default -F _roros_completion roros" in bash


def test_schema_kinds_complete(roros_script: str) -> None:
    env = {"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros schema con", "COMP_CWORD": "2"}
    run = run_process([roros_script], env=env)
    assert set(run.stdout.decode().split()) == {"conversion", "conversions"}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_indented_word_after_commands_is_a_command(roros_script: str, width: int) -> None:
    # How a script (and the newcomer check) lists the commands: a wrapped line must not look like one.
    lines = _shown(roros_script, ["--help"], width)
    after = lines[lines.index("Commands:") + 1 :]
    names = {match.group(1) for line in after if (match := re.match(r"^[│| ]+([a-z][a-z-]+)", line))}
    assert names == {
        "info",
        "get",
        "keys",
        "search",
        "convert",
        "timeline",
        "schema",
        "validate",
        "check",
        "time",
        "quiz",
        "map",
        "sun",
        "slides",
    }
