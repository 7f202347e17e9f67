"""Each limit of the data format at the limit (accepted) and one past it (refused with a message saying so).

The numbers are the documented ones (docs/data-format.md and the README's "Data file" section), written here
as literals: a test that read them from the loader would move with a wrong limit instead of catching it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from roros_cli import loader
from roros_cli.loader import DataError, load, parse

HEAD = """\
[meta]
format = 1
source_title = "notes"

[name]
label = "Name"
value = "Testby"
source = "notes"
"""


def fact(key: str, value: str, extra: str = "") -> str:
    return f"\n[{key}]\nlabel = 'A fact'\nvalue = {value}\nsource = 'notes'\n{extra}"


def problems(text: str) -> list[str]:
    """The messages of the problems found, [] when the text loads."""
    try:
        parse(text, "t.toml")
    except DataError as error:
        return [problem.message for problem in error.problems]
    return []


def accepted(text: str) -> bool:
    return problems(text) == []


def refused_saying(text: str, words: str) -> bool:
    return any(words in message for message in problems(text))


# ---------------------------------------------------------------------------------------------- finding


def test_no_path_is_the_built_in_file() -> None:
    assert load().name == "Røros"
    assert load(None).facts["area"].value == 3.31


def test_a_built_in_file_missing_from_the_installation_says_to_reinstall(monkeypatch: pytest.MonkeyPatch) -> None:
    # Not on disk beside the module (as in a zip): looked up in the package's resources, where it is not either.
    monkeypatch.setattr(loader, "builtin_path", lambda: None)
    with pytest.raises(DataError, match=r"roros.toml \(built in\): is missing from this installation; reinstall roros"):
        load()


def test_a_path_that_cannot_be_opened_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python 3.13 says "embedded null character in path", older ones "embedded null byte"
    with pytest.raises(DataError, match=r": cannot be read: .*embedded null (byte|character)"):
        load("a\x00.toml")  # a ValueError, which has no strerror
    import errno

    def refused(path: str, flags: int) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refused)  # as root, chmod cannot make a file unreadable
    with pytest.raises(DataError, match=r"^t\.toml: cannot be read: permission denied$"):
        load("t.toml")

    def failing(path: str, flags: int) -> int:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "open", failing)
    with pytest.raises(DataError, match=r"^t\.toml: cannot be read: Input/output error$"):
        load("t.toml")


def test_a_directory_is_not_a_data_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r": is a directory, not a data file$"):
        load(str(tmp_path))


def test_a_file_that_fails_while_it_is_read_says_why(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import errno

    class Failing:
        def __init__(self, descriptor: int, mode: str) -> None:
            self.descriptor = descriptor

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            os.close(self.descriptor)

        def read(self, size: int) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

    path = tmp_path / "t.toml"
    path.write_text(HEAD, encoding="utf-8")
    monkeypatch.setattr(os, "fdopen", Failing)
    with pytest.raises(DataError, match=r": cannot be read: Input/output error$"):
        load(str(path))


def test_utf_16_is_told_from_a_file_with_a_few_nul_bytes(tmp_path: Path) -> None:
    # UTF-16 text of ASCII has a NUL in every other byte; more than a quarter of the odd bytes zero is UTF-16.
    path = tmp_path / "t.toml"
    path.write_bytes(b"a\x00b\x00cdef")  # 2 of 8 odd bytes zero: exactly a quarter, so only binary
    with pytest.raises(DataError, match="is a binary file"):
        load(str(path))
    path.write_bytes(b"a\x00b\x00c\x00ef")  # 3 of 8: UTF-16
    with pytest.raises(DataError, match="is UTF-16 text"):
        load(str(path))
    path.write_bytes(b"a=1")  # short and plain: a TOML problem, not UTF-16
    with pytest.raises(DataError) as plain:
        load(str(path))
    assert "UTF-16" not in str(plain.value)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null on this system")
def test_a_device_is_not_a_data_file() -> None:
    with pytest.raises(DataError, match=r"is not a regular file \(a pipe, device or socket\); give a \.toml file$"):
        load("/dev/null")


def test_an_empty_file_is_said_to_be_empty(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    for blank in (b"", b" \n\t\n"):
        path.write_bytes(blank)
        with pytest.raises(DataError, match="is empty; a data file needs at least"):
            load(str(path))


# ---------------------------------------------------------------------------------------------- file size


MIB = 1_048_576


def _file_of(path: Path, size: int) -> Path:
    """A valid data file of exactly `size` bytes: the head, then a comment as long as it takes."""
    text = HEAD.encode() + b"# "
    path.write_bytes(text + b"x" * (size - len(text) - 1) + b"\n")
    assert path.stat().st_size == size
    return path


def test_a_file_of_exactly_1_mib_loads(tmp_path: Path) -> None:
    assert load(str(_file_of(tmp_path / "big.toml", MIB))).name == "Testby"


def test_a_file_one_byte_over_1_mib_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="is larger than 1024 KiB"):
        load(str(_file_of(tmp_path / "big.toml", MIB + 1)))


# ---------------------------------------------------------------------------------------------- nesting, problems


def _nested(groups: int) -> str:
    path = ".".join(f"g{level}" for level in range(groups))
    return HEAD + fact(f"{path}.deep", "1")


def test_groups_nest_8_deep_and_not_9() -> None:
    assert accepted(_nested(8))
    assert refused_saying(_nested(9), "groups are nested more than 8 deep")


def _problems_file(count: int) -> str:
    """A file with exactly `count` problems: one unknown key in each of `count` facts."""
    return HEAD + "".join(fact(f"f{index}", "1", "bogus = 1\n") for index in range(count))


def test_a_report_stops_after_100_problems() -> None:
    assert len(problems(_problems_file(100))) == 100
    assert not any("stopped looking" in message for message in problems(_problems_file(100)))
    found = problems(_problems_file(101))
    assert found[-1] == "more than 100 problems; stopped looking"
    assert len(found) == 101


def test_did_you_mean_is_offered_for_the_first_20_problems_only() -> None:
    text = HEAD + "".join(fact(f"f{index}", "1", "lable = 'x'\n") for index in range(21))
    found = problems(text)
    assert len(found) == 21
    assert "did you mean 'label'" in found[19]  # the 20th
    assert "did you mean" not in found[20]  # the 21st


def test_the_one_line_error_counts_the_other_problems() -> None:
    with pytest.raises(DataError) as one:
        parse(_problems_file(1), "t.toml")
    assert "more problem" not in str(one.value)
    with pytest.raises(DataError) as two:
        parse(_problems_file(2), "t.toml")
    assert str(two.value).endswith("(and 1 more problem; `roros validate` lists them all)")
    with pytest.raises(DataError) as three:
        parse(_problems_file(3), "t.toml")
    assert str(three.value).endswith("(and 2 more problems; `roros validate` lists them all)")


# ---------------------------------------------------------------------------------------------- values


@pytest.mark.parametrize("value", [2**53, -(2**53)])
def test_integers_up_to_2_to_the_53_load(value: int) -> None:
    place = parse(HEAD + fact("big", str(value)), "t.toml")
    assert place.facts["big"].value == value


@pytest.mark.parametrize("value", [2**53 + 1, -(2**53) - 1])
def test_integers_past_2_to_the_53_are_refused(value: int) -> None:
    assert refused_saying(HEAD + fact("big", str(value)), "is too large; at most 9,007,199,254,740,992 in magnitude")


@pytest.mark.parametrize("year", [-9999, 0, 2024, 9999])
def test_years_from_minus_9999_to_9999_load(year: int) -> None:
    assert parse(HEAD + fact("dated", "1", f"year = {year}\n"), "t.toml").facts["dated"].year == year


@pytest.mark.parametrize("year", ["-10000", "10000", "2024.0", "true", "'2024'"])
def test_years_outside_the_range_or_not_whole_numbers_are_refused(year: str) -> None:
    assert refused_saying(HEAD + fact("dated", "1", f"year = {year}\n"), "'year' must be a whole number")


@pytest.mark.parametrize(
    ("leaf", "limit"),
    [("latitude", 90), ("longitude", 180)],
)
def test_coordinates_at_their_limits_load_and_just_past_are_refused(leaf: str, limit: int) -> None:
    for inside in (limit, -limit, 0, limit / 2, -limit / 2):
        assert accepted(HEAD + fact(f"where.{leaf}", repr(float(inside)), "unit = 'deg'\n")), inside
    for outside in (limit + 0.001, -limit - 0.001):
        text = HEAD + fact(f"where.{leaf}", repr(outside), "unit = 'deg'\n")
        assert refused_saying(text, f"{leaf} must be between -{limit} and {limit} degrees"), outside


@pytest.mark.parametrize("unit", ["km2", "/km2"])
def test_an_area_or_density_must_be_above_zero(unit: str) -> None:
    assert accepted(HEAD + fact("size", "0.001", f"unit = '{unit}'\n"))
    assert refused_saying(HEAD + fact("size", "0.0", f"unit = '{unit}'\n"), "must be positive, found 0.0")
    assert refused_saying(HEAD + fact("size", "-1.0", f"unit = '{unit}'\n"), "must be positive")


def test_a_length_may_be_zero_or_negative() -> None:
    assert accepted(HEAD + fact("depth", "-30.0", "unit = 'm'\n"))  # below sea level


def test_strings_of_4000_characters_load_and_4001_are_refused() -> None:
    for where in ("label", "note", "question"):
        label = "" if where == "label" else "label = 'L'\n"
        for size in (4000, 4001):
            text = HEAD + f"\n[long]\nvalue = 1\nsource = 's'\n{label}{where} = '{'x' * size}'\n"
            too_long = refused_saying(text, f"'{where}' is longer than 4000 characters")
            assert too_long == (size == 4001) and accepted(text) == (size == 4000), (where, size)
    assert accepted(HEAD + fact("long", f"'{'x' * 4000}'"))
    assert refused_saying(HEAD + fact("long", f"'{'x' * 4001}'"), "text is longer than 4000 characters")
    assert accepted(HEAD + fact("long", "1", f"quote = ['{'x' * 4000}']\n"))
    assert refused_saying(HEAD + fact("long", "1", f"quote = ['{'x' * 4001}']\n"), "longer than 4000 characters")


def _items(count: int) -> str:
    return "[" + ", ".join(f"'q{index}'" for index in range(count)) + "]"


def test_an_array_value_is_checked_for_its_length_and_then_its_items() -> None:
    assert problems(HEAD + fact("long", f"['{'x' * 4001}']")) == [
        "an item is longer than 4000 characters ('" + "x" * 59 + "…')"
    ]
    too_many_and_long = f"['{'x' * 4001}', " + _items(100)[1:]
    assert problems(HEAD + fact("long", too_many_and_long)) == ["'value' has 101 items; at most 100"]  # one is enough


def test_a_unit_must_be_a_string_naming_a_unit() -> None:
    assert refused_saying(
        HEAD + fact("area", "3.0", "unit = 5\n"), "'unit' must be a unit code such as \"km2\" (a string)"
    )
    assert accepted(HEAD + fact("area", "3.0", "unit = 'km2'\n"))


def test_arrays_of_100_items_load_and_101_are_refused() -> None:
    assert accepted(HEAD + fact("many", "1", f"quote = {_items(100)}\n"))
    assert refused_saying(HEAD + fact("many", "1", f"quote = {_items(101)}\n"), "'quote' has 101 items; at most 100")
    assert accepted(HEAD + fact("many", _items(100)))
    assert refused_saying(HEAD + fact("many", _items(101)), "'value' has 101 items; at most 100")


@pytest.mark.parametrize("decimals", [-10, 0, 10])
def test_precision_from_minus_10_to_10_decimals_loads(decimals: int) -> None:
    text = HEAD + fact("area", "3.31", f"unit = 'km2'\nconvert = ['sqmi']\nprecision = {{ sqmi = {decimals} }}\n")
    assert parse(text, "t.toml").facts["area"].precision == (("sqmi", decimals),)


@pytest.mark.parametrize("decimals", ["-11", "11", "1.5"])
def test_precision_past_10_decimals_is_refused(decimals: str) -> None:
    text = HEAD + fact("area", "3.31", f"unit = 'km2'\nconvert = ['sqmi']\nprecision = {{ sqmi = {decimals} }}\n")
    assert refused_saying(text, "decimals must be a whole number from -10 to 10")


@pytest.mark.parametrize("value", ["[]", "[1, 2]", "['a', 2]", "{ x = 1 }", "2024-06-21"])
def test_a_value_that_is_no_string_number_boolean_or_array_of_strings_is_refused(value: str) -> None:
    assert refused_saying(HEAD + fact("odd", value), "value must be a string, number, boolean or non-empty array")


def test_tolerance_may_be_zero_but_not_below() -> None:
    assert parse(HEAD + fact("count", "5", "tolerance = 0\n"), "t.toml").facts["count"].tolerance == 0.0
    assert refused_saying(HEAD + fact("count", "5", "tolerance = -0.5\n"), "'tolerance' must be a number of 0 or more")


# ---------------------------------------------------------------------------------------------- meta


@pytest.mark.parametrize("found", ["true", "1.0", "2", "0", "'1'"])
def test_format_must_be_the_integer_1(found: str) -> None:
    assert refused_saying(HEAD.replace("format = 1", f"format = {found}"), "format must be 1")


def test_format_1_loads() -> None:
    assert accepted(HEAD)


# ---------------------------------------------------------------------------------------------- duplicates


@pytest.mark.parametrize("quote", ["['']", "[1]", "['a', '']", "{ a = 'b' }"])
def test_an_array_of_words_must_hold_only_text(quote: str) -> None:
    assert refused_saying(HEAD + fact("said", "1", f"quote = {quote}\n"), "'quote' must be an array of strings")


def test_a_single_quote_may_be_a_string() -> None:
    assert parse(HEAD + fact("said", "1", "quote = 'one'\n"), "t.toml").facts["said"].quotes == ("one",)


def test_an_array_that_repeats_an_item_is_refused() -> None:
    assert accepted(HEAD + fact("said", "1", "quote = ['one', 'two']\n"))
    assert refused_saying(HEAD + fact("said", "1", "quote = ['one', 'two', 'one']\n"), "lists 'one' more than once")


def test_convert_that_repeats_a_unit_is_refused() -> None:
    assert accepted(HEAD + fact("area", "3.31", "unit = 'km2'\nconvert = ['sqmi', 'ha']\n"))
    text = HEAD + fact("area", "3.31", "unit = 'km2'\nconvert = ['sqmi', 'sqmi']\n")
    assert refused_saying(text, "'convert' lists a unit more than once")


def test_a_fact_in_two_layout_sections_is_refused() -> None:
    one = HEAD + "\n[[layout]]\ntitle = 'A'\nkeys = ['name']\n"
    assert accepted(one)
    assert refused_saying(one + "\n[[layout]]\ntitle = 'B'\nkeys = ['name']\n", "facts listed in two sections: name")


def test_a_layout_repeated_more_than_5_times_names_5_and_counts_the_rest() -> None:
    facts = "".join(fact(f"f{index}", "1") for index in range(7))

    def sections(first: int, second: int) -> str:
        def keys(count: int) -> str:
            return ", ".join(f"'f{index}'" for index in range(count))

        first_section = f"\n[[layout]]\ntitle = 'A'\nkeys = [{keys(first)}]\n"
        return first_section + f"\n[[layout]]\ntitle = 'B'\nkeys = [{keys(second)}]\n"

    assert refused_saying(HEAD + facts + sections(7, 7), "facts listed in two sections: f0, f1, f2, f3, f4 and 2 more")
    assert "facts listed in two sections: f0, f1, f2, f3, f4" in problems(HEAD + facts + sections(7, 5))


# ---------------------------------------------------------------------------------------------- counts
# (last: the costliest tests of this file, so a mutation run with -x reaches the others first)


def _many_facts(count: int) -> str:
    """`count` facts in all, the name included, as inline tables of one group (one [table] for them all)."""
    rows = "".join(f"f{index} = {{ label = 'F', value = {index}, source = 's' }}\n" for index in range(count - 1))
    return HEAD + "\n[many]\n" + rows


def test_5000_facts_load_and_5001_are_refused() -> None:
    assert accepted(_many_facts(5000))
    assert refused_saying(_many_facts(5001), "has more than 5000 facts")


def _tables(count: int) -> str:
    """A file of `count` [tables] in all (meta and name included): every one a fact."""
    return HEAD + "".join(fact(f"f{index}", "1") for index in range(count - 2))


def test_a_file_of_more_than_5200_tables_is_refused_before_it_is_parsed() -> None:
    # 5,000 facts and 200 sections: at 5,200 tables the facts are counted (too many); one more is not parsed.
    at_the_limit = problems(_tables(5200))  # parsed once: a refusal takes a whole parse to find
    assert not any("tables" in message for message in at_the_limit)
    assert any("has more than 5000 facts" in message for message in at_the_limit)
    assert problems(_tables(5201)) == ["has 5,201 tables, far more than the 5,000 facts a file may have"]


# ---------------------------------------------------------------------------------------------- kinds


def test_text_that_is_not_utf_8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_bytes(HEAD.encode() + b"# caf\xe9\n")
    with pytest.raises(DataError, match=r":9: is not UTF-8 text; save it as UTF-8$"):
        load(str(path))


def test_an_integer_of_thousands_of_digits_is_refused_plainly() -> None:
    assert refused_saying(HEAD + fact("huge", "9" * 5000), "an integer in the file has thousands of digits")


def test_arrays_nested_past_what_the_parser_can_follow_are_refused_plainly() -> None:
    assert problems(HEAD + "deep = " + "[" * 20_000 + "]" * 20_000 + "\n") == [
        "is nested far too deeply to be a data file"
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("approximate = 'yes'\n", "'approximate' must be true or false, found a string"),
        ("quiz = 1\n", "'quiz' must be true or false"),
        ("convert = 'sqmi'\n", "'convert' must be an array of unit codes"),
        ("convert = [1]\n", "'convert' must be an array of unit codes"),
    ],
)
def test_fields_of_the_wrong_kind_are_refused(extra: str, message: str) -> None:
    assert refused_saying(HEAD + fact("area", "3.31", "unit = 'km2'\n" + extra), message)


def test_a_tolerance_is_for_numbers_only() -> None:
    assert refused_saying(HEAD + fact("word", "'copper'", "tolerance = 1\n"), "'tolerance' is for a numeric value")
    assert accepted(HEAD + fact("count", "5", "tolerance = 1\n"))
