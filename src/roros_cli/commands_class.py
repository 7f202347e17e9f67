"""The classroom commands: `roros quiz` (asked at a terminal, shown to a room, or printed as a worksheet) and
`roros slides` (a deck and its handout)."""

from __future__ import annotations

import os
import sys

from roros_cli import output
from roros_cli.dispatch import Options, exclusive, load_place, write_file
from roros_cli.model import Place
from roros_cli.safetext import inert, shorten


def quiz(
    options: Options,
    *,
    count: int,
    seed: int | None,
    json: bool,
    projector: bool = False,
    worksheet: str | None = None,
    topic: str | None = None,
    list_topics: bool = False,
    questions: str | None = None,
    only_mine: bool = False,
    key: str | None = None,
) -> int:
    """Ask, mark and score (or, with --class, show each question and its answer to a room; or write a
    printable worksheet; or list the topics)."""
    import random as _random
    import shlex

    from roros_cli import session
    from roros_cli.quiz import make_quiz

    exclusive(json=json, class_=projector, worksheet=worksheet is not None)
    if worksheet is not None and not worksheet.lower().endswith((".html", ".htm")):
        output.fail(f"cannot write a worksheet to '{shorten(worksheet)}': use a name ending in .html", output.USAGE)
    _check_key(key, worksheet)
    place = with_questions(load_place(options, raw=True), questions, only_mine, raw=json)
    if list_topics:
        return _list_topics(place)
    _check_topic(place, topic)
    chosen_seed = seed if seed is not None else _random.SystemRandom().randrange(1, 1_000_000)
    asked = make_quiz(place, count, chosen_seed, topic=topic)
    if not asked:
        output.fail(f"the data file for {place.name} has no facts to ask about", output.NOT_FOUND)
    if len(asked) < count:
        # Never a shorter quiz without a word: no two questions that give each other away are asked together.
        on = f" on {topic}" if topic else ""
        output.say(
            f"only {len(asked)} questions{on} can be asked together with seed {chosen_seed} "
            f"(none may give away another's answer); asking {len(asked)}, not {count}"
        )
    if worksheet is not None:
        from roros_cli import lesson

        about = topic or ""
        verb = write_file(worksheet, lesson.worksheet(place, asked, chosen_seed, topic=about, key=key is None))
        if key is None:
            output.say(f"{verb} {worksheet} ({len(asked)} questions and an answer key; seed {chosen_seed})")
            return output.OK
        output.say(f"{verb} {worksheet} ({len(asked)} questions, no answers; seed {chosen_seed})")
        verb = write_file(key, lesson.worksheet(place, asked, chosen_seed, topic=about, questions_shown=False))
        output.say(f"{verb} {key} (the answer key)")
        return output.OK
    if sys.stdin is None:
        output.fail("standard input is closed: the quiz reads its answers there (a terminal or a pipe)", output.OUTPUT)
    output.on_terminate()
    if projector:
        return session.present(place, asked)
    again = " ".join(
        [
            "roros quiz",
            *([f"--topic {topic}"] if topic else []),
            f"-n {count}",
            *([f"--questions {shlex.quote(questions)}"] if questions else []),
            *(["--only-mine"] if only_mine else []),
            f"--seed {chosen_seed}",
        ]
    )
    return session.ask(place, asked, chosen_seed, json=json, again=again)


def _list_topics(place: Place) -> int:
    """`roros quiz --topics`: each topic and its number of questions; trivia is asked only when chosen."""
    from roros_cli.quiz import TRIVIA, most_together, topics

    found = topics(place)
    width = max((len(name) for name in found), default=0)
    for name, number in found.items():
        note = "  (asked only with --topic trivia)" if name == TRIVIA else ""
        most = f", at most {most_together(place, name)} in one quiz"
        output.write(f"{name:<{width}}  {number:>3} question{'' if number == 1 else 's'}{most}{note}")
    return output.OK


def with_questions(place: Place, path: str | None, only_mine: bool, *, raw: bool = False) -> Place:
    """The place (loaded raw) with a teacher's own questions added (`--questions`), or with only those
    (`--only-mine`); then made inert, once, as `dispatch.load_place` does, unless it is for JSON (`raw`)."""
    from dataclasses import replace

    from roros_cli.loader import DataError
    from roros_cli.questions import load_questions

    if path is None:
        if only_mine:
            output.fail("--only-mine needs --questions FILE.toml (the questions to ask instead)", output.USAGE)
        joined = place
    else:
        try:
            mine = load_questions(path, place.facts)
        except DataError as error:
            output.fail(str(error), output.DATA)
        # The data file's facts stay (they name the place and lend wrong options of a kind); with --only-mine
        # they are no longer asked.
        facts = {key: replace(fact, quiz=False) for key, fact in place.facts.items()} if only_mine else place.facts
        joined = replace(place, facts={**facts, **mine})
    return joined if raw else inert(joined)


def _check_topic(place: Place, topic: str | None) -> None:
    """An unknown topic is the user's error: say which topics there are."""
    from roros_cli.quiz import topics

    if topic is None:
        return
    found = topics(place)
    if topic not in found:
        choose = ", ".join(found) or "none: the data file gives no questions"
        output.fail(f"no quiz topic '{shorten(topic)}' for {place.name}: choose from {choose}", output.USAGE)


def _check_key(key: str | None, worksheet: str | None) -> None:
    """--key names an HTML file of its own, beside a worksheet."""
    if key is None:
        return
    if worksheet is None:
        output.fail("--key needs --worksheet: the key is written beside a worksheet", output.USAGE)
    if not key.lower().endswith((".html", ".htm")):
        output.fail(f"cannot write an answer key to '{shorten(key)}': use a name ending in .html", output.USAGE)
    if os.path.abspath(key) == os.path.abspath(worksheet):
        output.fail("--key and --worksheet name the same file: give the key a name of its own", output.USAGE)


def slides(
    options: Options,
    path: str,
    *,
    quiz: int,
    seed: int | None,
    handout: str | None = None,
    topic: str | None = None,
    questions: str | None = None,
    only_mine: bool = False,
) -> int:
    """A self-contained 16:9 deck: the fact sheet, timeline, check findings, map and, with --quiz N, questions."""
    import random as _random

    from roros_cli import lesson, mapexport, maps
    from roros_cli.audit import audit
    from roros_cli.quiz import make_quiz

    if seed is not None and not quiz:
        output.fail(
            "--seed chooses the quiz's questions, and there is no quiz: add --quiz N, or drop --seed", output.USAGE
        )
    if not path.lower().endswith((".html", ".htm")):
        output.fail(f"cannot write slides to '{shorten(path)}': use a name ending in .html", output.USAGE)
    if handout is not None and not handout.lower().endswith((".html", ".htm")):
        output.fail(f"cannot write a handout to '{shorten(handout)}': use a name ending in .html", output.USAGE)
    if handout is not None and os.path.abspath(handout) == os.path.abspath(path):
        output.fail("--handout names the deck's own file: give the handout a name of its own", output.USAGE)
    place = with_questions(load_place(options, raw=True), questions, only_mine)
    _check_topic(place, topic)
    chosen_seed = seed if seed is not None else _random.SystemRandom().randrange(1, 1_000_000)
    asked = make_quiz(place, quiz, chosen_seed, topic=topic) if quiz else []
    try:
        from roros_cli.places import load_places

        # The country's map, as the deck had before the map had zooms: where the town is, for a class.
        map_svg: str | None = mapexport.svg(place, maps.load_outlines(), "country", load_places())
    except maps.MapError:
        map_svg = None  # a place without coordinates, or outside the outlines: the deck has no map slide
    checks = audit(place)
    verb = write_file(path, lesson.slides(place, asked, map_svg, checks))
    quizzed = f", {len(asked)} questions (seed {chosen_seed})" if asked else ""
    output.say(f"{verb} {path}{quizzed}")
    if handout is not None:
        verb = write_file(handout, lesson.handout(place, asked, map_svg, checks))
        output.say(f"{verb} {handout} (six slides a page)")
    return output.OK
