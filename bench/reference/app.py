"""The obvious Typer + Rich fact tool, as a reference for start-up time: not part of roros.

A TOML file of about 30 facts, a dataclass, one Rich table, --json via json.dumps, shell completion.
Written the way the tutorials show, with module-level imports.
"""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import tomllib
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()
DATA = Path(__file__).with_name("facts.toml")


@dataclass
class Facts:
    values: dict[str, object]


def load() -> Facts:
    with DATA.open("rb") as handle:
        return Facts(tomllib.load(handle))


def complete_key(incomplete: str) -> list[str]:
    return [key for key in load().values if key.startswith(incomplete)]


@app.command()
def info(json_out: bool = typer.Option(False, "--json")) -> None:
    facts = load()
    if json_out:
        print(json.dumps(asdict(facts), ensure_ascii=False, indent=2))
        return
    table = Table(title="Røros")
    table.add_column("Fact")
    table.add_column("Value")
    for key, value in facts.values.items():
        table.add_row(key, str(value))
    Console().print(table)


@app.command()
def get(
    key: str = typer.Argument(..., autocompletion=complete_key), json_out: bool = typer.Option(False, "--json")
) -> None:
    value = load().values[key]
    print(json.dumps({"key": key, "value": value}, ensure_ascii=False) if json_out else value)


if __name__ == "__main__":
    app(prog_name="ref")  # completion then reads _REF_COMPLETE
