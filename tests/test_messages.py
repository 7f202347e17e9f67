"""Words that help a newcomer (issue 24, "Help and messages"): explanations that read as English and fit the
terminal, suggestions that would work, messages that name what the user actually typed."""

from __future__ import annotations

import re

import pytest

from conftest import CliInvoker, run_process


def _lines(roros: str, args: list[str], width: int) -> list[str]:
    run = run_process([roros, *args], env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert run.returncode == 0, run.stderr
    return run.stdout.decode().splitlines()


@pytest.mark.parametrize("width", [40, 80])
def test_explain_fits_the_terminal_and_keeps_figures_whole(roros_script: str, width: int) -> None:
    lines = _lines(roros_script, ["convert", "630", "m", "ft", "--explain"], width)
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    assert any("2,066.92913386 ft" in line for line in lines)  # not `2,` / `066.92913386`, not `ft` alone
    assert any("nearest 10" in line for line in lines)
    assert lines[-1] == "  shown: 2,070 ft"


def test_explain_says_what_two_significant_figures_need_in_words(cli: CliInvoker) -> None:
    # 630 m is 2,066.9 ft: to the nearest 100 (2,100) keeps two figures, the rule keeps the nearest 10 (2,070).
    out = " ".join(cli("convert", "630", "m", "ft", "--explain").stdout.split())
    assert "at least -" not in out
    assert not re.search(r"need \S*-\d", out)
    assert "rounding to the nearest 100 would keep two" in out
    assert "so the result is rounded to the nearest 10 " in out
    # 5 km is 3.1 mi: a whole number (3 mi) is one figure, so the second figure wins.
    out = " ".join(cli("convert", "5", "km", "mi", "--explain").stdout.split())
    assert "fewer than two significant figures; two need rounding to 1 decimal place" in out
    assert "so the result is rounded to 1 decimal place " in out


LENGTHS = {"m", "km", "ft", "mi"}
AREAS = {"m2", "km2", "ha", "acre", "sqft", "sqmi"}


def _suggested(stderr: str) -> str | None:
    found = re.search(r"[Dd]id you mean '([^']+)'", stderr)
    return found.group(1) if found else None


@pytest.mark.parametrize(
    ("args", "unknown"),
    [
        (["5", "km", "kg"], "kg"),  # not 'km': the same unit again converts nothing
        (["5", "celsius", "fahrenheit"], "celsius"),  # not 'acres'
        (["5", "m/s", "mi"], "m/s"),  # not 'miles', the other unit itself
    ],
)
def test_did_you_mean_never_suggests_what_would_not_work(cli: CliInvoker, args: list[str], unknown: str) -> None:
    run = cli("convert", *args)
    assert run.status == 2 and run.stderr.count("\n") == 1
    assert f"unknown unit '{unknown}'" in run.stderr
    assert _suggested(run.stderr) is None, run.stderr


def test_a_unit_is_suggested_from_the_dimension_of_the_other(cli: CliInvoker) -> None:
    run = cli("convert", "5", "km", "mils")
    assert run.status == 2
    assert _suggested(run.stderr) == "miles"
    assert "roros converts km to and from the other units of length: m, ft, mi." in run.stderr
    run = cli("convert", "5", "hectars", "acres")
    assert _suggested(run.stderr) == "hectares"


def test_an_unknown_dimension_lists_what_convert_knows(cli: CliInvoker) -> None:
    run = cli("convert", "5", "celsius", "fahrenheit")
    assert "lengths (m, km, ft, mi)" in run.stderr
    assert "areas (m2, km2, ha, acre, sqft, sqmi)" in run.stderr
    assert "densities (/km2, /sqmi)" in run.stderr


def test_a_key_is_suggested_by_its_prefix_first(cli: CliInvoker) -> None:
    run = cli("get", "unesco.ref")
    assert run.status == 1
    assert _suggested(run.stderr) == "unesco.reference"


def test_validate_names_the_file_it_was_given(cli: CliInvoker, tmp_path: object) -> None:
    run = cli("validate", "nofile.toml")
    assert run.status == 3
    assert "--data" not in run.stdout + run.stderr and "ROROS_DATA" not in run.stdout + run.stderr
    assert "nofile.toml: no such file" in run.stdout
    bad = cli("--data", "nofile.toml", "info")
    assert bad.status == 3 and "--data or ROROS_DATA" in bad.stderr  # there it was --data


@pytest.mark.parametrize(("value", "shown"), [("-5", "-16 ft"), ("-630", "-2,070 ft"), ("-0.5", "-1.6 ft")])
def test_a_negative_number_converts_as_typed(roros_script: str, value: str, shown: str) -> None:
    run = run_process([roros_script, "convert", value, "m", "ft"])
    assert (run.returncode, run.stdout.decode(), run.stderr) == (0, shown + "\n", b"")
    after = run_process([roros_script, "convert", value, "m", "ft", "--exact"])
    assert after.returncode == 0 and after.stdout.decode().startswith("-")


def test_an_unknown_option_of_convert_is_still_an_error(cli: CliInvoker) -> None:
    run = cli("convert", "--bogus", "m", "ft")
    assert run.status == 2
    assert "No such option: --bogus" in run.stderr
    typo = cli("convert", "5", "m", "ft", "--precison", "2")
    assert typo.status == 2 and "No such option: --precison" in typo.stderr


def test_get_without_a_key_points_to_roros_keys(cli: CliInvoker) -> None:
    run = cli("get")
    assert run.status == 2
    assert "roros keys" in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize("fast", ["", "1"], ids=["fast path", "typer"])
def test_completion_offers_units_of_the_same_dimension(roros_script: str, fast: str) -> None:
    env = {"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros convert 3 km2 ", "COMP_CWORD": "4"}
    run = run_process([roros_script], env={**env, "ROROS_NO_FASTPATH": fast})
    offered = run.stdout.decode().split()
    assert run.returncode == 0 and offered
    assert set(offered) >= AREAS - {"km2"}
    assert not set(offered) & (LENGTHS | {"deg", "/km2", "/sqmi", "km2"})


def test_exact_shows_at_most_14_significant_figures(cli: CliInvoker) -> None:
    # 630 m = 630 / 0.3048 ft = 2,066.92913385826771... ft; 3 m = 9.84251968503937... ft: rounded to 14 figures.
    assert cli("convert", "630", "m", "ft", "--exact").stdout == "2,066.9291338583 ft\n"
    assert cli("convert", "1", "m", "ft", "--exact").stdout == "3.2808398950131 ft\n"
    assert cli("convert", "3", "m", "ft", "--exact").stdout == "9.8425196850394 ft\n"


def test_slides_refuse_a_seed_without_a_quiz(cli: CliInvoker, tmp_path: object) -> None:
    import pathlib

    target = pathlib.Path(str(tmp_path)) / "x.html"
    run = cli("slides", str(target), "--seed", "7")
    assert run.status == 2
    assert "--seed" in run.stderr and "--quiz" in run.stderr
    assert not target.exists()


def test_completion_of_the_first_unit_offers_only_what_convert_takes(roros_script: str) -> None:
    env = {"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros convert 3 ", "COMP_CWORD": "3"}
    offered = run_process([roros_script], env=env).stdout.decode().split()
    assert set(offered) >= LENGTHS | AREAS
    assert "deg" not in offered  # angles are not converted
