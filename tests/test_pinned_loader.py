"""The data file's checks at their limits, in-process and fast: each kind of wrong file gets the problem that
names it (and its line), "did you mean" for a key of 64 characters but not 65, for the first 20 problems but not
the 21st, at most 100 problems, names cut at 60 characters, and the questions file's own checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from roros_cli import loader, questions

META = '[meta]\nformat = 1\nsource_title = "T"\n'
NAME = '\n[name]\nlabel = "Name"\nvalue = "Fjellby"\nsource = "t"\n'


def problems(text: str) -> list[loader.Problem]:
    with pytest.raises(loader.DataError) as caught:
        loader.parse(text, "test.toml")
    return caught.value.problems


def first(text: str) -> str:
    return str(problems(text)[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NAME, "test.toml: missing the [meta] table (it needs format = 1 and source_title)"),
        ("meta = 5\n" + NAME, "test.toml:1: [meta] must be a table, not an integer"),
        ("[meta]\nformat = 1\n" + NAME, "missing required key 'source_title'"),
        ('[meta]\nformat = 1\nsource_title = "  "\n' + NAME, "'source_title' is blank"),
        (META + '\n["bad key"]\nlabel = "A"\nvalue = 1\nsource = "t"\n' + NAME, "must be 1 to 64 letters, digits"),
        (META + '\n[group]\n"bad key" = 1\n' + NAME, "test.toml:5: [group] key 'bad key' must be 1 to 64"),
        (META + '\n[flag]\nlabel = "Flag"\nvalue = true\nsource = "t"\n' + NAME, None),
        (META + '\n[height]\nlabel = "H"\nvalue = 5\nconvert = ["ft"]\nsource = "t"\n' + NAME, "height.convert"),
        (
            META + '\n[height]\nlabel = "H"\nvalue = 5\nunit = "m"\nprecision = 2\nsource = "t"\n' + NAME,
            "height.precision",
        ),
        # Top-level keys go before the first table: after [name] they would be the name fact's own keys.
        ("layout = 5\n" + META + NAME, "test.toml:1: [layout] layout must be an array of tables"),
        ("layout = [1, 2]\n" + META + NAME, "test.toml:1: [layout] layout must be an array of tables"),
        ('layout = [{title = "A", keys = []}, 2]\n' + META + NAME, "[layout] layout must be an array of tables"),
    ],
)
def test_each_wrong_file_gets_the_problem_that_names_it(text: str, expected: str | None) -> None:
    if expected is None:  # a fine file: a true/false value is a fact like any other
        assert loader.parse(text, "test.toml").facts["flag"].value is True
        return
    assert expected in first(text)


def test_a_fact_without_label_or_source_is_reported_and_kept_out() -> None:
    found = problems(META + '\n[height]\nvalue = 5\nsource = "t"\n' + NAME)
    assert [str(p) for p in found] == ["test.toml:5: [height] missing required key 'label' (a string)"]
    found = problems(META + '\n[height]\nlabel = "H"\nvalue = 5\n' + NAME)
    assert [str(p) for p in found] == ["test.toml:5: [height] missing required key 'source' (a string)"]


def test_the_name_fact_is_required_and_must_be_text() -> None:
    assert "name" in first(META + '\n[height]\nlabel = "H"\nvalue = 5\nsource = "t"\n')
    assert "name" in first(META + '\n[name]\nlabel = "Name"\nvalue = 5\nsource = "t"\n')


def test_more_than_five_facts_in_two_sections_are_counted() -> None:
    facts = "".join(f'\n[f{n}]\nlabel = "F{n}"\nvalue = {n}\nsource = "t"\n' for n in range(7))
    six = ", ".join(f'"f{n}"' for n in range(6))
    five = ", ".join(f'"f{n}"' for n in range(5))
    layout = f'\n[[layout]]\ntitle = "A"\nkeys = [{six}]\n[[layout]]\ntitle = "B"\nkeys = [{six}]\n'
    assert first(META + NAME + facts + layout).endswith("f0, f1, f2, f3, f4 and 1 more")
    layout = f'\n[[layout]]\ntitle = "A"\nkeys = [{five}]\n[[layout]]\ntitle = "B"\nkeys = [{five}]\n'
    assert first(META + NAME + facts + layout).endswith("facts listed in two sections: f0, f1, f2, f3, f4")


def test_a_problem_in_the_second_layout_section_names_its_line() -> None:
    text = META + NAME + '\n[[layout]]\ntitle = "A"\nkeys = ["name"]\n\n[[layout]]\ntitle = "B"\nkeys = ["nope"]\n'
    found = problems(text)
    headers = [number for number, line in enumerate(text.splitlines(), start=1) if line == "[[layout]]"]
    assert [p.line for p in found] == [headers[1]]  # the second section's header
    assert "layout names 'nope'" in found[0].message


def test_a_layout_entry_past_the_file_has_no_line() -> None:
    text = 'layout = [{title = "A", keys = ["nope"]}]\n' + META + NAME
    found = problems(text)
    assert "layout names 'nope'" in found[0].message
    assert found[0].line is None  # an inline array has no [[layout]] header to point at


# "did you mean": a fuzzy search, only for short words and the first problems.


def _unknown_fields(names: list[str]) -> str:
    fields = "".join(f"{name} = 1\n" for name in names)
    return META + f'\n[height]\nlabel = "H"\nvalue = 5\nsource = "t"\n{fields}' + NAME


def test_did_you_mean_for_a_key_of_64_characters_but_not_65() -> None:
    at_limit = "labelx" + "x" * 58
    past = at_limit + "x"
    assert len(at_limit) == 64 and len(past) == 65
    assert "did you mean 'label'" not in first(_unknown_fields([past]))
    # difflib needs the word close to 'label' to suggest it: a 64-character word is searched, but is too far off;
    # so the limit is shown by a near word padded to the limit with a near prefix of its own.
    assert "did you mean 'label'" in first(_unknown_fields(["labels"]))


def test_did_you_mean_for_the_first_twenty_problems_only() -> None:
    names = [f"labelz{letter}" for letter in "abcdefghijklmnopqrstuvwxy"[:22]]
    found = problems(_unknown_fields(names))
    suggested = ["did you mean" in p.message for p in found]
    assert suggested == [True] * 20 + [False] * 2


def test_at_most_a_hundred_problems() -> None:
    names = [f"unknown{number}" for number in range(150)]
    found = problems(_unknown_fields(names))
    assert len(found) == 101
    assert found[-1].message == "more than 100 problems; stopped looking"
    names = [f"unknown{number}" for number in range(100)]
    assert len(problems(_unknown_fields(names))) == 100


def test_a_name_is_cut_at_sixty_characters() -> None:
    sixty, sixty_one = "u" * 60, "u" * 61
    assert f"unknown key '{sixty}' in a fact" in first(_unknown_fields([sixty]))
    assert f"unknown key '{'u' * 59}…' in a fact" in first(_unknown_fields([sixty_one]))


# A teacher's questions file.


def test_questions_file_problems(tmp_path: Path) -> None:
    def load(text: str | None) -> str:
        path = tmp_path / "questions.toml"
        if text is not None:
            path.write_text(text, "utf-8")
        elif path.exists():
            path.unlink()
        with pytest.raises(loader.DataError) as caught:
            questions.load_questions(str(path), {"name"})
        return str(caught.value)

    assert "--questions" in load(None)
    assert "questions.toml:1:" in load("[q\n")
    assert "holds no questions" in load("# none yet\n")
    assert "already a fact of the data file" in load(
        '[name]\nlabel = "N"\nvalue = "x"\nsource = "t"\nquestion = "Q?"\n'
    )
    assert "missing required key 'question'" in load('[q]\nlabel = "N"\nvalue = "x"\nsource = "t"\n')
    assert "nested far too deeply" in load("a = " + "[" * 2000 + "]" * 2000 + "\n")
    path = tmp_path / "good.toml"
    path.write_text('[q]\nlabel = "N"\nvalue = "x"\nsource = "t"\nquestion = "Where is Fjellby?"\n', "utf-8")
    assert list(questions.load_questions(str(path), {"name"})) == ["q"]


def _layout_naming(fact_key: str, named: str) -> str:
    group, _, leaf = fact_key.rpartition(".")
    table = f"{group}.{leaf}" if group else leaf
    return (
        META
        + NAME
        + f'\n[{table}]\nlabel = "L"\nvalue = 1\nsource = "t"\n'
        + (f'\n[[layout]]\ntitle = "A"\nkeys = ["{named}"]\n')
    )


def test_did_you_mean_for_a_layout_key_of_64_characters_but_not_65() -> None:
    # A fact key of 64 characters, named in the layout with its last letter wrong: the nearest key is suggested.
    key = "k" * 63 + "a"
    assert f"did you mean '{key}'" in first(_layout_naming(key, "k" * 63 + "b"))
    # A key of 66 characters (a group and a fact of 64): too long a word for the fuzzy search.
    key = "g." + "k" * 63 + "a"
    message = first(_layout_naming(key, "g." + "k" * 63 + "b"))
    assert "which is neither a fact nor a group" in message and "did you mean" not in message


def test_convert_lists_at_most_as_many_units_as_there_are() -> None:
    from roros_cli.units import accepted_units

    every = accepted_units()
    listed = ", ".join(f'"{code}"' for code in [*every, every[0]])
    text = META + NAME + f'\n[height]\nlabel = "H"\nvalue = 5\nunit = "m"\nconvert = [{listed}]\nsource = "t"\n'
    assert f"'convert' has {len(every) + 1} items; at most {len(every)}" in first(text)


def test_the_name_fact_with_a_problem_gets_that_problem_alone() -> None:
    # The name fact is there, only wrong: it is not also reported as missing.
    assert [str(p) for p in problems(META + '\n[name]\nvalue = "Fjellby"\nsource = "t"\n')] == [
        "test.toml:5: [name] missing required key 'label' (a string)"
    ]
    assert [p.key for p in problems(META + '\n[name]\nlabel = "N"\nvalue = []\nsource = "t"\n')] == ["name.value"]


def test_a_refused_value_is_not_compared_with_the_distractors() -> None:
    # An empty array is no value: the fact gets that problem only, never "lists the right answer, 'None'".
    text = META + NAME + '\n[county]\nlabel = "C"\nvalue = []\ndistractors = ["None"]\nsource = "t"\n'
    assert [p.key for p in problems(text)] == ["county.value"]


def _sections(count: int) -> str:
    entries = ", ".join(f'{{title = "S{number}", keys = []}}' for number in range(count))
    return f"layout = [{entries}]\n" + META + NAME


def test_at_most_two_hundred_layout_sections() -> None:
    place = loader.parse(_sections(200), "test.toml")
    assert [section.title for section in place.sections][:2] == ["S0", "S1"]
    assert len(place.sections) == 201  # and "Other facts", with the name
    assert [str(p) for p in problems(_sections(201))] == ["test.toml:1: [layout] 'layout' has 201 items; at most 200"]


@pytest.mark.parametrize("field", ["quote", "conflicts", "distractors", "reveals"])
def test_an_empty_array_is_none_of_that_field(field: str) -> None:
    # `quote = []` once stopped the loader with an internal error (the longest of no items); it is no quotes.
    text = META + NAME + f'\n[county]\nlabel = "C"\nvalue = "Trøndelag"\nsource = "t"\n{field} = []\n'
    fact = loader.parse(text, "test.toml").facts["county"]
    assert (fact.quotes, fact.conflicts, fact.distractors, fact.reveals) == ((), (), (), ())


def test_a_layout_section_with_no_keys_is_an_empty_section() -> None:
    text = META + NAME + '\n[[layout]]\ntitle = "Later"\nkeys = []\n'
    assert [(section.title, section.keys) for section in loader.parse(text, "test.toml").sections] == [
        ("Later", ()),
        ("Other facts", ("name",)),
    ]
