"""The quiz's rules at their limits, in-process and fast: the option text limit and one past it, the years
offered near an answer, four options or none, what a quiz never asks together, and the marking of answers
(option numbers 1 to 4, never 0, accepted ranges, units, compass letters). Each place is a small data file
written here, so every expectation is derived from the facts the test states, not from the built-in file."""

from __future__ import annotations

import math

import pytest

from roros_cli import loader
from roros_cli.marking import BadAnswer, hint, mark
from roros_cli.model import Place
from roros_cli.quiz import Question, category, make_quiz, most_together, topics

SEEDS = range(120)
HEAD = '[meta]\nformat = 1\nsource_title = "Test"\n\n[name]\nlabel = "Name"\nvalue = "Fjellby"\nsource = "test"\n'
SRC = 'source = "test"'


def place_of(body: str) -> Place:
    return loader.parse(HEAD + body)


def all_questions(place: Place, key: str, this_year: int = 3000, topic: str | None = None) -> list[Question]:
    asked = [q for seed in SEEDS for q in make_quiz(place, 100, seed, this_year, topic) if q.key == key]
    return asked


def one(place: Place, key: str, this_year: int = 3000) -> Question:
    asked = all_questions(place, key, this_year)
    assert asked, f"{key} is never asked"
    return asked[0]


def wrong_options(questions: list[Question]) -> set[str]:
    return {option for q in questions for option in q.options if option != q.answer}


def together(place: Place, first: str, second: str) -> bool:
    """Whether any seed asks both facts in one quiz."""
    for seed in SEEDS:
        keys = {q.key for q in make_quiz(place, 100, seed, 3000)}
        if first in keys and second in keys:
            return True
    return False


def text_fact(key: str, value: str, distractors: list[str] | None = None, extra: str = "") -> str:
    listed = f"distractors = {distractors!r}\n".replace("'", '"') if distractors is not None else ""
    return f'\n[{key}]\nlabel = "{key.title()}"\nvalue = "{value}"\n{listed}{extra}{SRC}\n'


# ------------------------------------------------------------------------------------- the option text limit

FORTY = "A" + "b" * 39  # 40 characters: the longest value that makes a fair option
FORTY_ONE = FORTY + "c"


def test_a_value_of_forty_characters_is_asked_and_one_of_forty_one_is_not() -> None:
    assert len(FORTY) == 40 and len(FORTY_ONE) == 41
    place = place_of(
        text_fact("motto", FORTY, ["Alpha", "Beta", "Gamma"]) + text_fact("slogan", FORTY_ONE, ["Delta", "Eps", "Zeta"])
    )
    question = one(place, "motto")
    assert question.kind == "choice" and question.answer == FORTY
    assert sorted(question.options) == sorted([FORTY, "Alpha", "Beta", "Gamma"])
    assert all_questions(place, "slogan") == []


def _rivers(values: list[str]) -> Place:
    body = text_fact("river", "Glomma", extra='kind = "river"\n')
    for number, value in enumerate(values):
        body += f'\n[other{number}]\nlabel = "Stream {"xyz"[number % 3]}{number}"\nvalue = "{value}"\nkind = "river"\n'
        body += 'quiz = false\nsource = "test"\n'
    return place_of(body)


def test_options_of_the_same_kind_are_values_up_to_forty_characters() -> None:
    # Three other rivers fit (one of exactly 40 characters); one of 41 never becomes an option.
    place = _rivers(["Gaula", "Orkla", FORTY, FORTY_ONE, ""])  # an empty value is no option either
    asked = all_questions(place, "river")
    assert asked
    assert wrong_options(asked) == {"Gaula", "Orkla", FORTY}
    assert all(len(q.options) == 4 for q in asked)


def test_four_options_or_none_from_facts_of_the_same_kind() -> None:
    # Exactly three wrong options make a question; two make none.
    assert all_questions(_rivers(["Gaula", "Orkla", "Nea"]), "river")
    assert all_questions(_rivers(["Gaula", "Orkla"]), "river") == []


def test_a_value_without_kind_or_distractors_is_not_asked() -> None:
    place = place_of(text_fact("motto", "Work", ["Alpha", "Beta", "Gamma"]) + text_fact("saying", "Rest"))
    assert all_questions(place, "saying") == []
    assert one(place, "motto").kind == "choice"


# ------------------------------------------------------------------------------------------------- years


def _founded(year: int, distractors: list[str] | None = None) -> Place:
    listed = f"distractors = {distractors!r}\n".replace("'", '"') if distractors is not None else ""
    return place_of(f'\n[established]\nlabel = "Founded"\nvalue = {year}\nyear = {year}\n{listed}{SRC}\n')


def test_wrong_years_are_the_ten_decades_around_the_answer() -> None:
    asked = all_questions(_founded(1700), "established", this_year=2026)
    assert asked and all(q.answer == "1700" and q.category == "year" and q.kind == "choice" for q in asked)
    expected = {str(1700 + step) for step in range(-50, 51, 10) if step}
    assert wrong_options(asked) == expected
    assert all(len(q.options) == 4 and "1700" in q.options for q in asked)


def test_a_year_offered_may_be_this_year_but_never_after() -> None:
    at_limit = wrong_options(all_questions(_founded(1700), "established", this_year=1750))
    assert "1750" in at_limit
    one_short = wrong_options(all_questions(_founded(1700), "established", this_year=1749))
    assert "1750" not in one_short and "1740" in one_short


def test_a_year_with_fewer_than_three_earlier_or_later_decades_is_not_asked() -> None:
    # Answer 1750 in 1700 (a date the data gives in the future): only 1700 is not after this year.
    assert all_questions(_founded(1750), "established", this_year=1700) == []
    # In 1730: 1700, 1710, 1720, 1730 are four years near it, so it is asked.
    assert wrong_options(all_questions(_founded(1750), "established", this_year=1730)) <= {
        "1700",
        "1710",
        "1720",
        "1730",
    }


def test_three_curated_years_are_used_and_a_future_one_is_left_out() -> None:
    asked = all_questions(_founded(1700, ["1690", "1711", "2026", "2027"]), "established", this_year=2026)
    assert wrong_options(asked) == {"1690", "1711", "2026"}


def test_two_curated_years_fall_back_to_the_decades() -> None:
    asked = all_questions(_founded(1700, ["1690", "1711"]), "established", this_year=2026)
    assert wrong_options(asked) == {str(1700 + step) for step in range(-50, 51, 10) if step}


# ------------------------------------------------------------------------------------------------ prompts


def test_prompts_are_sentences_built_from_the_label() -> None:
    place = place_of(
        '\n[established]\nlabel = "Founded"\nvalue = 1700\nyear = 1700\nsource = "test"\n'
        '\n[inscribed]\nlabel = "World Heritage inscription"\nvalue = 1980\nyear = 1980\nsource = "test"\n'
        '\n[elevation]\nlabel = "Elevation"\nvalue = 630\nunit = "m"\nsource = "test"\n'
        '\n[population]\nlabel = "Population"\nvalue = 1000\nyear = 2020\nsource = "test"\n'
        '\n[asked]\nlabel = "Asked"\nvalue = 7\nquestion = "How many bridges cross the river in Fjellby?"\n'
        'source = "test"\n'
    )
    assert one(place, "established").prompt == "In which year was Fjellby founded?"
    assert one(place, "inscribed").prompt == "In which year was the world Heritage inscription of Fjellby?"
    assert one(place, "elevation").prompt == "What is the elevation of Fjellby, in metres?"
    assert one(place, "population").prompt == "What is the population of Fjellby?"
    assert one(place, "asked").prompt == "How many bridges cross the river in Fjellby?"


def test_categories_come_from_kind_year_unit_and_shape() -> None:
    place = place_of(
        '\n[established]\nlabel = "Founded"\nvalue = 1700\nyear = 1700\nsource = "test"\n'
        '\n[elevation]\nlabel = "Elevation"\nvalue = 630\nunit = "m"\nsource = "test"\n'
        '\n[population]\nlabel = "Population"\nvalue = 1000\nsource = "test"\n'
    )
    assert one(place, "established").category == "year"
    assert one(place, "elevation").category == "length"
    assert one(place, "elevation").kind == "number"
    assert one(place, "population").category == "count"
    assert one(place, "population").kind == "number"
    assert [category(fact) for fact in place.facts.values()] == ["", "year", "length", "count"]


def test_the_explanation_follows_every_kind_of_question() -> None:
    place = place_of(
        '\n[established]\nlabel = "Founded"\nvalue = 1700\nyear = 1700\nexplain = "Why year."\nsource = "test"\n'
        '\n[elevation]\nlabel = "Elevation"\nvalue = 630\nunit = "m"\nexplain = "Why number."\nsource = "test"\n'
        + text_fact("motto", "Work", ["Alpha", "Beta", "Gamma"], 'explain = "Why text."\n')
    )
    assert one(place, "established").explain == "Why year."
    assert one(place, "elevation").explain == "Why number."
    assert one(place, "motto").explain == "Why text."


# ------------------------------------------------------------------------------------- what is asked at all


POOL = (
    '\n[population]\nlabel = "Population"\nvalue = 1000\nsource = "test"\n'
    '\n[houses]\nlabel = "Houses"\nvalue = 300\nquiz = false\nsource = "test"\n'
    '\n[bridges]\nlabel = "Bridges"\nvalue = 12\nconflicts = ["population"]\nsource = "test"\n'
    '\n[post]\nlabel = "Post code"\nvalue = 7374\ntopic = "trivia"\nsource = "test"\n'
    '\n[mines]\nlabel = "Mines"\nvalue = 40\ntopic = "history"\nsource = "test"\n'
)


def test_quiz_false_and_conflicting_facts_are_never_asked_nor_counted() -> None:
    place = place_of(POOL)
    asked = {q.key for seed in SEEDS for q in make_quiz(place, 100, seed, 3000)}
    assert asked == {"population", "mines"}  # trivia only when chosen
    assert topics(place, 3000) == {"other": 1, "trivia": 1, "history": 1}
    assert {q.key for q in make_quiz(place, 100, 0, 3000, "trivia")} == {"post"}


def test_a_quiz_asks_at_most_count_questions() -> None:
    place = place_of(POOL)
    assert len(make_quiz(place, 1, 0, 3000)) == 1
    assert len(make_quiz(place, 2, 0, 3000)) == 2


def test_a_fact_that_reveals_another_is_never_asked_with_it() -> None:
    place = place_of(
        '\n[population]\nlabel = "Population"\nvalue = 1000\nreveals = ["mines"]\nsource = "test"\n'
        '\n[mines]\nlabel = "Mines"\nvalue = 40\nsource = "test"\n'
        '\n[bridges]\nlabel = "Bridges"\nvalue = 12\nsource = "test"\n'
    )
    assert not together(place, "population", "mines")
    assert together(place, "population", "bridges") and together(place, "mines", "bridges")


def test_a_question_whose_words_hold_another_answer_is_never_asked_with_it() -> None:
    # Only one way round: the bridges' explanation gives away the number of mines.
    place = place_of(
        '\n[mines]\nlabel = "Mines"\nvalue = 41\nsource = "test"\n'
        '\n[bridges]\nlabel = "Bridges"\nvalue = 12\nexplain = "Built with the money of 41 mines."\nsource = "test"\n'
        '\n[houses]\nlabel = "Houses"\nvalue = 300\nsource = "test"\n'
    )
    assert not together(place, "mines", "bridges")
    assert together(place, "mines", "houses")


def test_an_answer_inside_a_longer_number_gives_nothing_away() -> None:
    # The answer 2 is not in "2010": whole words only.
    place = place_of(
        '\n[churches]\nlabel = "Churches"\nvalue = 2\nsource = "test"\n'
        '\n[opened]\nlabel = "Opened"\nvalue = 7\nquestion = "How many shops opened in Fjellby in 2010?"\n'
        'source = "test"\n'
    )
    assert together(place, "churches", "opened")


def test_an_answer_that_is_only_a_gloss_hides_no_other_question() -> None:
    # The head word before " (" is empty here: an empty word is in every text, and must not count as told.
    place = place_of(
        text_fact("motto", " (a)", ["Alpha", "Beta", "Gamma"]) + '\n[mines]\nlabel = "Mines"\n'
        'value = 40\nsource = "test"\n'
    )
    assert all(len(make_quiz(place, 10, seed, 3000)) == 2 for seed in range(4))


def test_two_questions_with_the_same_wrong_options_are_never_asked_together() -> None:
    place = place_of(
        text_fact("motto", "Work", ["Alpha", "Beta", "Gamma"])
        + text_fact("saying", "Rest", ["Alpha", "Beta", "Gamma"])
        + text_fact("greeting", "Hello", ["Delta", "Eps", "Zeta"])
    )
    assert not together(place, "motto", "saying")
    assert together(place, "motto", "greeting") and together(place, "saying", "greeting")


# ------------------------------------------------------------------------------------------- choices


def _choice() -> Question:
    return one(place_of(text_fact("motto", "Work", ["Alpha", "Beta", "Gamma"])), "motto")


def test_option_numbers_are_one_to_four() -> None:
    question = _choice()
    assert len(question.options) == 4
    for number, option in enumerate(question.options, start=1):
        assert mark(question, str(number)).correct == (option == "Work")
        assert mark(question, f" {number} ").given == str(number)
    for outside in ("0", "5"):
        with pytest.raises(BadAnswer, match=f"^'{outside}' is not an answer here: type the number of your answer"):
            mark(question, outside)


def test_nine_digits_are_an_option_number_and_ten_are_not() -> None:
    question = _choice()
    assert mark(question, "000000001").correct == (question.options[0] == "Work")
    assert mark(question, "000000004").correct == (question.options[3] == "Work")
    with pytest.raises(BadAnswer):
        mark(question, "0000000001")


def test_an_option_may_be_typed_in_words() -> None:
    question = _choice()
    assert mark(question, "work").correct and mark(question, "WORK").correct
    assert not mark(question, "alpha").correct
    with pytest.raises(BadAnswer):
        mark(question, "Omega")


def test_a_year_is_chosen_by_its_option_number_not_typed() -> None:
    question = one(_founded(1700), "established", this_year=2026)
    with pytest.raises(BadAnswer):
        mark(question, "1700")
    assert mark(question, str(question.options.index("1700") + 1)).correct


def test_how_to_answer_each_kind() -> None:
    assert hint(_choice()) == "Type the number of your answer, 1 to 4."
    place = place_of(
        '\n[population]\nlabel = "Population"\nvalue = 1000\nsource = "test"\n'
        '\n[latitude]\nlabel = "Latitude"\nvalue = 60.5\nunit = "deg"\nsource = "test"\n'
    )
    assert hint(one(place, "population")) == "Type a number, in figures or in words up to twenty."
    assert hint(one(place, "latitude")) == "Type a number in degrees."
    assert one(place, "population").accepted_text.startswith("exactly ")
    assert _choice().accepted_text == ""


# The round figures a hint's example is taken from, and the foot in metres (an international foot).
ROUND = (1, 5, 20, 100, 500, 2000, 10_000, 50_000, 200_000, 1_000_000)
FOOT = 0.3048


@pytest.mark.parametrize("figure", ROUND)
def test_the_example_is_the_round_figure_nearest_ten_times_off(figure: int) -> None:
    # A length in metres a little more than ten times `figure` feet: that figure is the nearest one at least ten
    # times off (the next bigger is 4 or 5 times bigger, so less than ten times off), so it is the example.
    metres = figure * FOOT * 10**1.01
    assert all(abs(math.log10(other * FOOT / metres)) < 1 for other in ROUND if figure < other <= figure * 25)
    place = place_of(f'\n[length]\nlabel = "Length"\nvalue = {metres!r}\nunit = "m"\nsource = "test"\n')
    assert hint(one(place, "length")) == (
        f"Type a number in metres, or give another unit of length, as in “{figure:,} ft”."
    )


# ------------------------------------------------------------------------------------------- numbers


def _numbers() -> Place:
    return place_of(
        '\n[population]\nlabel = "Population"\nvalue = 1000\nsource = "test"\n'
        '\n[elevation]\nlabel = "Elevation"\nvalue = 630\nunit = "m"\nsource = "test"\n'
        '\n[latitude]\nlabel = "Latitude"\nvalue = 60.5\nunit = "deg"\nsource = "test"\n'
    )


def test_a_count_is_exact() -> None:
    question = one(_numbers(), "population")
    assert question.accepted == (1000, 1000)
    assert mark(question, "1000").correct and mark(question, "1,000").correct
    assert not mark(question, "999").correct and not mark(question, "1001").correct
    assert mark(question, "1000").why == ""


def test_a_count_takes_no_unit_and_no_compass_letter() -> None:
    question = one(_numbers(), "population")
    for given in ("1000 m", "1000 n", "1000 E"):
        with pytest.raises(BadAnswer, match="type a plain number, with no unit"):
            mark(question, given)


def test_a_length_is_marked_in_its_unit() -> None:
    question = one(_numbers(), "elevation")
    # 1.5 % of 630 m is 9.45 m: the round step 10 m, so 620 to 640 m.
    assert question.accepted == (620, 640)
    for right in ("630", "630 m", "620 metres", "640 m", f"{round(630 / FOOT)} ft"):
        assert mark(question, right).correct, right
        assert mark(question, right).why == ""
    for wrong in ("619", "641"):
        assert not mark(question, wrong).correct, wrong
    wrong_unit = mark(question, "630 ft")
    assert not wrong_unit.correct
    assert wrong_unit.why == f"630 ft is about {630 * FOOT:.0f} m"
    for bad in ("630 w", "630 parsecs", "630 kg"):
        with pytest.raises(BadAnswer):
            mark(question, bad)


def test_letters_and_broken_figures_are_not_answers() -> None:
    question = one(_numbers(), "elevation")
    for bad in ("lots", "six hundred", "6,3,0,,", ""):
        with pytest.raises(BadAnswer, match="is not an answer here: type a number in metres"):
            mark(question, bad)


def test_a_latitude_within_half_a_degree_with_compass_and_minutes() -> None:
    question = one(_numbers(), "latitude")
    assert question.accepted == (60.0, 61.0)
    assert mark(question, "60.5 N").correct and mark(question, "60.5°N").correct
    assert not mark(question, "60.5 S").correct  # south of the equator
    assert mark(question, "60°30′N").correct
    assert mark(question, "60°59′59″N").correct
    # 61° 0′ 30″ is 61.0083°: past the accepted 61.0, and only the seconds say so.
    assert not mark(question, "61°0′30″N").correct
    assert mark(question, "61°0′0″N").correct
    assert not mark(question, "59.9").correct


def test_exactly_ten_times_off_is_far_enough_for_the_example() -> None:
    # 3.048 m is exactly ten times 1 ft (0.3048 m) and a tenth of 100 ft (30.48 m): both are far enough.
    place = place_of('\n[length]\nlabel = "Length"\nvalue = 3.048\nunit = "m"\nsource = "test"\n')
    example = hint(one(place, "length")).rpartition("“")[2]
    assert example in {"1 ft”.", "100 ft”."}


def test_float_noise_of_a_billionth_never_decides() -> None:
    # A count of 1000 is exact, but an answer a billionth of it off is the same number read through floats.
    question = one(_numbers(), "population")
    assert mark(question, "999.999999").correct and mark(question, "1000.000001").correct
    assert not mark(question, "999.999998").correct and not mark(question, "1000.000002").correct


# ------------------------------------------------------------------------------- the longest quiz of a topic

WORDS = ["alder", "birch", "cedar", "daisy", "elm", "fern", "gorse", "hazel", "iris", "juniper"]


def _trios(centres: list[int], fillers: int) -> Place:
    """Trios of counts where the `centre` one is revealed by the other two: a quiz asks the two others, unless
    the centre comes first in its order (then it asks the centre alone); fillers are always asked."""
    body, value = "", 101
    for number, centre in enumerate(centres):
        keys = [f"{WORDS[number]}_{part}" for part in ("one", "two", "three")]
        for position, key in enumerate(keys):
            reveals = f'reveals = ["{keys[centre]}"]\n' if position != centre else ""
            body += f'\n[{key}]\nlabel = "{key.replace("_", " ").title()}"\nvalue = {value}\n{reveals}{SRC}\n'
            value += 1
    for number in range(fillers):
        body += f'\n[filler_{WORDS[number]}]\nlabel = "Filler {WORDS[number]}"\nvalue = {value}\n{SRC}\n'
        value += 1
    return place_of(body)


@pytest.mark.parametrize(
    ("centres", "fillers"),
    [([1] * 8, 3), ([0, 0, 1, 0, 0, 0, 1], 8)],
    ids=["only the last seed reaches the most", "a seed past the last would reach more"],
)
def test_the_longest_quiz_is_the_best_of_the_first_fifty_seeds(centres: list[int], fillers: int) -> None:
    place = _trios(centres, fillers)
    lengths = [len(make_quiz(place, 100, seed, 3000)) for seed in range(51)]
    assert max(lengths) <= 2 * len(centres) + fillers  # at most two of each trio
    # The places are chosen so that the limit shows: seed 49 alone reaches the most, or seed 50 beats them all.
    assert lengths[49] > max(lengths[:49]) or lengths[50] > max(lengths[:50])
    assert most_together(place, None, 3000) == max(lengths[:50])
