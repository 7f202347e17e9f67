"""Rich cards for class mode (`roros quiz --class`): a question, its answer with the source, and a summary.

Built for a projector: one thing on the screen at a time, bold and spaced, the options numbered large enough
to read from the back of a room. Pure functions: they build renderables and never print.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from roros_cli.model import Place
from roros_cli.quiz import Question


def question_card(place: Place, question: Question, number: int, total: int) -> RenderableType:
    body = Text(question.prompt, style="bold")
    lines: list[RenderableType] = [body, Text("")]
    for index, option in enumerate(question.options, start=1):
        lines.append(Text.assemble((f"  {index}  ", "bold reverse cyan"), "  ", (option, "bold")))
        lines.append(Text(""))
    if not question.options:  # a count has no unit to say
        lines.append(Text("  Say a number — and its unit." if question.unit else "  Say a number.", style="italic"))
    title = f" {place.name} · question {number} of {total} "
    return Panel(Padding(Group(*lines), (1, 2)), title=title, title_align="left", box=box.HEAVY, border_style="cyan")


def answer_card(question: Question) -> RenderableType:
    # Named as the question showed it ("2) Kongsberg"), so the room finds the option it voted for.
    number = f"{question.options.index(question.answer) + 1}) " if question.answer in question.options else ""
    lines: list[RenderableType] = [
        Text.assemble(("The answer: ", "bold"), (number + question.answer, "bold green")),
        Text(""),
        *([Text(question.explain), Text("")] if question.explain else []),
        Text(f"Source: {question.source}", style="dim"),
    ]
    if question.quote:
        lines.append(Text(f"“{question.quote}”", style="italic"))
    return Panel(Padding(Group(*lines), (1, 2)), box=box.HEAVY, border_style="green")


def summary_card(place: Place, shown: list[Question], total: int) -> RenderableType:
    lines: list[RenderableType] = [Text(f"{len(shown)} of {total} questions shown", style="bold"), Text("")]
    for number, question in enumerate(shown, start=1):
        lines.append(Text.assemble(f"{number}. ", question.prompt, " ", (question.answer, "green")))
    return Panel(Padding(Group(*lines), (1, 2)), title=f" {place.name}: the lesson ", box=box.HEAVY)
