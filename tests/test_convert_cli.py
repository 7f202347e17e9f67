"""`roros convert` through the command line: one value, a stream of values, and every error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CliInvoker, run_process


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


def test_batch_output_lines_up_with_its_input(cli: CliInvoker) -> None:
    run = cli("convert", "-", "km2", "sqmi", input="3.31\n\nabc\n16,510\n1.2.3\n")
    # Line N answers line N: a blank line stays blank, a bad line is an empty line (and a message on stderr).
    assert run.stdout.split("\n") == ["1.28 sq mi", "", "", "6,370 sq mi", "", ""]
    assert "line 3: 'abc' is not a number" in run.stderr
    assert "line 5: '1.2.3' is not a number" in run.stderr
    assert run.status == 1


def test_batch_stays_aligned_for_paste(roros_script: str, tmp_path: Path) -> None:
    values = ["630", "x", "", "-1.5", "1,000", "٣", "1e3"]
    run = run_process([roros_script, "convert", "-", "m", "ft"], input="\n".join(values))  # no final newline
    out = run.stdout.decode().split("\n")[:-1]
    assert len(out) == len(values)
    assert dict(zip(values, out, strict=True)) == {
        "630": "2,070 ft",
        "x": "",
        "": "",
        "-1.5": "-4.9 ft",
        "1,000": "3,300 ft",
        "٣": "",
        "1e3": "3.3×10³ ft",
    }


def test_batch_all_good_exits_0(cli: CliInvoker) -> None:
    run = cli("convert", "-", "m", "ft", input="630\n1,000\n")
    assert (run.status, run.stdout) == (0, "2,070 ft\n3,300 ft\n")


def test_batch_json(cli: CliInvoker) -> None:
    run = cli("convert", "-", "m", "ft", "--json", input="630\nx\n")
    doc = json.loads(run.stdout)
    assert doc["kind"] == "conversions"
    assert [(r["line"], r["output"]["shown"]) for r in doc["results"]] == [(1, "2,070")]
    assert doc["errors"] == [
        {
            "line": 2,
            "message": "'x' is not a number. Type digits with an optional '.' for "
            "decimals and ',' between thousands, e.g. 16,510 or 3.31 (or 1.5e3).",
        }
    ]
    assert doc["error_count"] == 1
    assert run.status == 1


def test_batch_json_with_no_results_is_still_one_document(cli: CliInvoker) -> None:
    doc = json.loads(cli("convert", "-", "m", "ft", "--json", input="x\n\n").stdout)
    assert (doc["results"], doc["error_count"]) == ([], 1)


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["40", "m2", "sqmi"], "1.5×10⁻⁵ sq mi"),
        (["--", "-1.5", "km", "mi"], "-0.93 mi"),
        (["630.0", "m", "ft"], "2,066.9 ft"),
        (["1", "ha", "acre"], "2.5 acres"),
        (["0.4047", "ha", "acre"], "1.000 acre"),
        (["1", "km2", "acre"], "250 acres"),
    ],
)
def test_figures_as_the_encyclopedia_shows_them(cli: CliInvoker, args: list[str], out: str) -> None:
    assert cli("convert", *args).stdout == out + "\n"


def test_scientific_notation_falls_back_to_ascii(roros_script: str) -> None:
    run = run_process([roros_script, "convert", "40", "m2", "sqmi"], env={"PYTHONIOENCODING": "ascii"})
    assert run.stdout == b"1.5x10^-5 sq mi\n"
    as_json = run_process([roros_script, "convert", "40", "m2", "sqmi", "--json"])
    assert as_json.returncode == 0
    doc = json.loads(as_json.stdout)
    assert doc["output"]["shown"] == "1.5×10⁻⁵" and doc["output"]["rounded"] == 1.5e-05


def test_explain_reads_as_english(cli: CliInvoker) -> None:
    out = cli("convert", "1", "acre", "ha", "--explain").stdout
    assert out.startswith("1 acre is an area:\n  1 acre = 0.40468564224 ha\n")
    assert "a area" not in out and "1 acres" not in out
    assert cli("convert", "2", "acre", "ha", "--explain").stdout.startswith("2 acres is an area:")
    assert "is a length:" in cli("convert", "2", "km", "mi", "--explain").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["3", "km2", "kg"], "unknown unit 'kg'"),
        (["3", "furlongs", "m"], "roros converts m to and from the other units of length: km, ft, mi."),
        (["3", "km2", "km"], "cannot convert square kilometres (area) to kilometres (length)"),
        (["3", "km", "ha"], "choose a target unit of length"),
        (["three", "km", "mi"], "'three' is not a number"),
        (["5", "deg", "m"], "roros does not convert angles ('deg')"),
        (["5", "km", "deg"], "roros does not convert angles"),
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
    run = cli("convert", "1e308", "mi", "m")
    assert run.status == 2
    assert "too large to convert" in run.stderr
    digits = cli("convert", "1" + "0" * 307, "mi", "m")
    assert digits.status == 2 and "too long to be a number" in digits.stderr and "e-notation" in digits.stderr
    assert "inf" not in run.stdout


# The limits of a float, written out independently of roros: the largest finite double and the smallest
# positive (subnormal) one; 2e-324 rounds to zero, 1.8e308 to infinity.
@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["1.7976931348623157e308", "m", "km"], "1.7976931348623×10³⁰⁵ km"),
        (["5e-324", "m", "ft"], "1.5×10⁻³²³ ft"),
        (["0e-400", "m", "ft"], "0 ft"),  # typed as zero: zero is the right answer
    ],
)
def test_figures_at_the_limits_of_a_float_convert(cli: CliInvoker, args: list[str], out: str) -> None:
    run = cli("convert", *args)
    assert run.status == 0, run.stderr
    assert run.stdout == out + "\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1.8e308", "m", "km"], "'1.8e308' is too large"),
        (["1e999999999", "m", "ft"], "'1e999999999' is too large"),
        (["2e-324", "m", "ft"], "'2e-324' is too small"),
        (["--", "-1e-400", "m", "ft"], "'-1e-400' is too small"),
        (["1e-999999999", "m", "ft"], "'1e-999999999' is too small"),
        (["5e-324", "ft", "m"], "too small to convert to m"),  # typed fine, but the result would be 0
    ],
)
def test_figures_past_the_limits_of_a_float_are_refused_saying_which(
    cli: CliInvoker, args: list[str], message: str
) -> None:
    run = cli("convert", *args)
    assert run.status == 2
    assert run.stdout == ""
    assert message in run.stderr and "not a number" not in run.stderr
    assert run.stderr.count("\n") == 1


def test_a_batch_refuses_a_figure_that_underflows(cli: CliInvoker) -> None:
    run = cli("convert", "-", "m", "ft", "--json", input="1\n1e-400\n")
    document = json.loads(run.stdout)
    assert run.status == 1
    assert document["error_count"] == 1 and "too small" in document["errors"][0]["message"]
