"""`roros sun` at the edges of what it computes: the years it covers, a zone the system does not know, a data
file missing only some of the facts it needs. No "internal error" (exit 70) from any of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CliInvoker, run_process

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--date", "0001-01-01"], 2, "outside the years roros sun covers (1900 to 2100)"),
        (["--date", "1899-12-31"], 2, "outside the years roros sun covers (1900 to 2100)"),
        (["--date", "1900-01-01"], 0, "Sunrise"),
        (["--date", "2100-12-31"], 0, "Sunrise"),
        (["--date", "2101-01-01"], 2, "outside the years roros sun covers (1900 to 2100)"),
        (["--year", "9999"], 2, "outside the years roros sun covers (1900 to 2100)"),
        (["--year", "2101"], 2, "outside the years roros sun covers (1900 to 2100)"),
        (["--year", "2100"], 0, "December 21"),
        (["--year", "1900"], 0, "January 21"),
        (["--year", "1899"], 2, "outside the years roros sun covers (1900 to 2100)"),
    ],
)
def test_the_years_sun_covers_at_and_past_each_limit(
    cli: CliInvoker, args: list[str], status: int, message: str
) -> None:
    run = cli("sun", *args, env={"COLUMNS": "80"})
    assert run.status == status, run.stderr
    assert message in (run.stdout if status == 0 else run.stderr)


def test_an_unknown_zone_is_a_data_file_problem_as_for_time(roros_script: str, tmp_path: Path) -> None:
    data = tmp_path / "zone.toml"
    text = (ROOT / "data" / "roros.toml").read_text(encoding="utf-8")
    data.write_text(text.replace('"Europe/Oslo"', '"Europe/Atlantis"'), encoding="utf-8")
    for command in ("sun", "time"):
        run = run_process([roros_script, "--data", str(data), command])
        assert run.returncode == 3, (command, run.stderr)
        assert b"unknown time zone 'Europe/Atlantis'" in run.stderr and b"Traceback" not in run.stderr


def test_the_docs_example_is_told_only_the_key_it_lacks(cli: CliInvoker, tmp_path: Path) -> None:
    """The data-format guide's Kongsberg file, its time zone taken out: coordinates but no zone."""
    guide = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    example = guide.split("```toml\n", 1)[1].split("```", 1)[0]
    start = example.index("[timezone.iana]")
    example = example[:start] + example[example.index("quiz = false", start) + len("quiz = false\n") :]
    assert "timezone" not in example
    data = tmp_path / "kongsberg.toml"
    data.write_text(example, encoding="utf-8")
    run = cli("--data", str(data), "sun")
    assert run.status == 1
    assert "needs 'timezone.iana'" in run.stderr
    assert "latitude" not in run.stderr and "longitude" not in run.stderr
