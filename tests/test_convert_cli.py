"""`roros convert` through the command line: one value, a stream of values, and every error."""

from __future__ import annotations

import json

import pytest

from conftest import CliInvoker


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["630", "m", "ft"], "2,070 ft"),
        (["16,510", "ha", "sq mi"], "63.7 sq mi"),
        (["3.31", "km²", "acres"], "820 acres"),
        (["1,181", "per km2", "/sqmi"], "3,060/sq mi"),
        (["10", "kilometres", "miles"], "6.2 mi"),
        (["630", "m", "ft", "--precision", "1"], "2,066.9 ft"),
        (["16,510", "ha", "sqmi", "--precision", "0"], "64 sq mi"),
        (["2066", "ft", "m", "--precision", "-1"], "630 m"),
        (["1", "ft", "m", "--exact"], "0.3048 m"),
        (["--", "-5", "m", "ft"], "-16 ft"),
    ],
)
def test_convert_prints_the_figure_and_unit(cli: CliInvoker, args: list[str], out: str) -> None:
    run = cli("convert", *args)
    assert run.status == 0, run.stderr
    assert run.stdout == out + "\n"


def test_convert_json_carries_input_exact_shown_units_and_precision(cli: CliInvoker) -> None:
    doc = json.loads(cli("convert", "630", "m", "ft", "--json").stdout)
    assert doc["kind"] == "conversion" and doc["schema_version"] == 1
    assert doc["input"] == {"text": "630", "value": 630.0, "unit": "m"}
    assert doc["output"]["shown"] == "2,070"
    assert doc["output"]["precision"] == -1
    assert doc["output"]["exact"] == pytest.approx(2066.929133858)
    assert doc["output"]["rule"] == "infobox"


def test_convert_explain_walks_through_the_rule(cli: CliInvoker) -> None:
    out = cli("convert", "630", "m", "ft", "--explain").stdout
    assert "1 m = 3.28083989501 ft" in out
    assert "whole number converted to feet" in out
    assert "nearest 10" in out
    assert out.rstrip().endswith("shown: 2,070 ft")


def test_batch_converts_each_line_and_reports_bad_lines_by_number(cli: CliInvoker) -> None:
    run = cli("convert", "-", "km2", "sqmi", input="3.31\n\nabc\n16,510\n1.2.3\n")
    assert run.stdout.splitlines() == ["1.28 sq mi", "6,370 sq mi"]
    assert "line 3: 'abc' is not a number" in run.stderr
    assert "line 5: '1.2.3' is not a number" in run.stderr
    assert run.status == 1


def test_batch_all_good_exits_0(cli: CliInvoker) -> None:
    run = cli("convert", "-", "m", "ft", input="630\n1,000\n")
    assert (run.status, run.stdout) == (0, "2,070 ft\n3,300 ft\n")


def test_batch_json(cli: CliInvoker) -> None:
    run = cli("convert", "-", "m", "ft", "--json", input="630\nx\n")
    doc = json.loads(run.stdout)
    assert doc["kind"] == "conversions"
    assert [r["output"]["shown"] for r in doc["results"]] == ["2,070"]
    assert doc["errors"] == [
        {
            "line": 2,
            "message": "'x' is not a number. Type digits with an optional '.' for "
            "decimals and ',' between thousands, e.g. 16,510 or 3.31.",
        }
    ]
    assert run.status == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["3", "km2", "kg"], "unknown unit 'kg'"),
        (["3", "furlongs", "m"], "Accepted units: m, km, ft"),
        (["3", "km2", "km"], "cannot convert square kilometres (area) to kilometres (length)"),
        (["3", "km", "ha"], "choose a target unit of length"),
        (["three", "km", "mi"], "'three' is not a number"),
    ],
)
def test_convert_errors_are_one_line_on_stderr_with_status_2(cli: CliInvoker, args: list[str], message: str) -> None:
    run = cli("convert", *args)
    assert run.status == 2
    assert run.stdout == ""
    assert message in run.stderr
    assert run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr


def test_a_result_too_large_for_a_float_is_an_error_not_inf(cli: CliInvoker) -> None:
    run = cli("convert", "1" + "0" * 307, "mi", "m")
    assert run.status == 2
    assert "too large to convert" in run.stderr
    assert "inf" not in run.stdout
