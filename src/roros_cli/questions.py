"""A teacher's own quiz questions (`roros quiz --questions FILE.toml`), checked by the data file's rules.

A questions file holds facts in the data file's format (`dataformat.FACT`), each with a `question`, and no
[meta] or [[layout]]; its problems are reported as a data file's are, with file, line and key.
"""

from __future__ import annotations

from dataclasses import replace

from roros_cli.dataformat import RESERVED
from roros_cli.loader import DataError, document, read_text, walk
from roros_cli.problems import Report
from roros_cli.safetext import shorten

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection

    from roros_cli.model import Fact


def _as_questions(message: str) -> str:
    """A message the data file's reader wrote, worded for a questions file."""
    message = message.replace("--data or ROROS_DATA", "--questions")
    message = message.replace(
        "a data file needs at least [meta] and a name fact", "a questions file needs at least one question"
    )
    return message.replace("a data file", "a questions file")


def load_questions(path: str, known: Collection[str]) -> dict[str, Fact]:
    """The file's questions by key. `known` are the data file's keys, which a question may not reuse.
    Raises DataError listing every problem, each with file, line and key."""
    try:
        text = read_text(path, path)
    except DataError as error:
        raise DataError(
            [replace(problem, message=_as_questions(problem.message)) for problem in error.problems]
        ) from None
    parsed = document(text, path, "a questions file")
    report = Report(path, text)
    for name in sorted(RESERVED & set(parsed)):
        report.add(name, f"a questions file holds only questions: [{name}] belongs in the data file")
    facts: dict[str, Fact] = {}
    body = {name: item for name, item in parsed.items() if name not in RESERVED}
    walk(report, body, "", 0, facts, [])
    for key, fact in facts.items():
        if key in known:
            report.add(key, f"'{shorten(key)}' is already a fact of the data file; give this question another key")
        elif fact.question is None:
            report.add(key, "missing required key 'question' (a sentence that names the place)")
    if not facts and not report.problems:
        report.add(None, "holds no questions: each is a table with label, question, value and source")
    if report.problems:
        raise DataError(report.problems)
    return facts
