"""The data file's format, described once, as plain data: each table and field, the rule that checks it,
whether it is required, its limits, and its meaning in one line.

The loader's rules (`rules.py`) read it, `roros schema data` is generated from it (`schema.data_schema`),
and a test compares docs/data-format.md's tables with it, so the three cannot drift apart.
"""

from __future__ import annotations

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

FORMAT_VERSION: Final = 1
MAX_BYTES: Final = 1_048_576  # a fact sheet is a few kilobytes; anything near this is not one
MAX_DEPTH: Final = 8  # group nesting below the top level
MAX_FACTS: Final = 5000
MAX_TEXT: Final = 4000  # characters in one string: a label, a value, a quote, an array item, a layout key
MAX_ITEMS: Final = 100  # items in one array (quotes, conflicts, a list value); layout keys: MAX_FACTS
MAX_SECTIONS: Final = 200
MAX_SUGGESTED: Final = 20  # "did you mean" costs a fuzzy search: only for the first problems reported
MAX_PROBLEMS: Final = 100  # a report longer than this helps nobody, and finding lines costs time
MAX_INT: Final = 2**53  # larger integers cannot be held exactly as JSON numbers or floats
YEARS: Final = (-9999, 9999)
DECIMALS: Final = (-10, 10)  # a conversion's `precision`
NAME_PATTERN: Final = r"[A-Za-z0-9_-]{1,64}"  # a key: one part of a dotted path
TOPIC_PATTERN: Final = r"[a-z][a-z0-9-]{0,31}"  # one word, as typed after `roros quiz --topic`
DEGREES: Final = {"latitude": 90, "longitude": 180}  # a numeric fact of this (last) key name stays in range
POSITIVE: Final = ("area", "density")  # dimensions whose values must be above zero


class Field:
    """One key of a table. `rule` names the function of `rules.RULES` that checks it. (A plain class, not a
    dataclass: this module is imported on every load, and making a dataclass costs start-up time.)"""

    __slots__ = ("attribute", "default", "high", "limit", "low", "meaning", "name", "required", "rule")

    def __init__(
        self,
        name: str,
        rule: str,
        meaning: str,
        *,
        required: bool = False,
        attribute: str = "",  # the model's attribute, where it is not `name`
        low: int = 0,  # a whole number's range
        high: int = 0,
        limit: int = MAX_ITEMS,  # items in an array
        default: bool = False,  # a flag's value when the key is left out
    ) -> None:
        self.name, self.rule, self.meaning, self.required, self.attribute = name, rule, meaning, required, attribute
        self.low, self.high, self.limit, self.default = low, high, limit, default

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.rule!r})"


class Role:
    """A fact (or group) that some view looks for by its part, not by its key."""

    __slots__ = ("key", "meaning", "name")

    def __init__(self, name: str, key: str, meaning: str) -> None:
        self.name = name
        self.key = key  # the key that plays it, unless the file's [meta] `roles` names another
        self.meaning = meaning


# The keys views rely on. A data file in another language or shape names its own in `[meta] roles`.
ROLES: Final = (
    Role("name_sami", "name_sami", "the place's name in Sami, under the title of the slides"),
    Role("nickname", "nickname", "what the place is called, under the title of the slides"),
    Role("heritage_area", "unesco.area", "the World Heritage property's area, which `roros check` compares"),
    Role("buffer_zone", "unesco.buffer_zone", "the World Heritage buffer zone's area: larger than the property's"),
    Role(
        "villages",
        "villages",
        "a group of groups with `name`, `direction` and `distance`: `roros map` lists them as neighbours",
    ),
)
ROLE_KEYS: Final = {role.name: role.key for role in ROLES}
KEY_PATTERN: Final = rf"{NAME_PATTERN}(\.{NAME_PATTERN})*"  # a dotted key path

# Rules: text (a non-blank string), pattern (text matching TOPIC_PATTERN), value, unit, whole (a whole
# number from low to high), words (an array of distinct strings), quote (words, or one string), flag,
# tolerance, convert (unit codes), precision (decimals per unit code), format (the format version), roles
# (role name -> key path).

META: Final = (
    Field("format", "format", f"the format version, {FORMAT_VERSION}", required=True),
    Field("source_title", "text", "where the facts come from", required=True),
    Field("source_publisher", "text", "who published the source"),
    Field("source_url", "text", "the source's address; only http and https become links"),
    Field("source_license", "text", "the source's licence"),
    Field("roles", "roles", "which of the file's keys plays a role that views look for (see below)"),
)

# In the order they are checked: a field's rule may read the fields checked before it (a unit needs the value).
FACT: Final = (
    Field("label", "text", "what the fact is, as a reader sees it", required=True),
    Field("source", "text", "where in the source the fact stands", required=True),
    Field("note", "text", "a remark shown under the value"),
    Field("value", "value", "a string, a number, `true`/`false`, or a non-empty array of strings", required=True),
    Field("unit", "unit", "the unit of a numeric value (`roros convert --help` lists them)"),
    Field(
        "year",
        "whole",
        "the year the fact holds for (-9999 to 9999); `roros timeline` orders by it",
        low=YEARS[0],
        high=YEARS[1],
    ),
    Field("quote", "quote", "the source's own words, a string or an array of strings", attribute="quotes"),
    Field("conflicts", "words", "keys of facts this one disagrees with; `roros info` says so"),
    Field("convert", "convert", "units to show conversions in; they must measure the same thing as `unit`"),
    Field(
        "precision",
        "precision",
        "decimals per conversion unit where the source rounds differently: `{ sqmi = 0 }`",
        low=DECIMALS[0],
        high=DECIMALS[1],
    ),
    Field("approximate", "flag", '`true` shows the value as "about ..."'),
    Field("quiz", "flag", "`false` keeps the fact out of `roros quiz`", default=True),
    Field(
        "question",
        "text",
        'the quiz\'s question, a sentence that names the place: "In which county does Kongsberg lie?"',
    ),
    Field(
        "kind",
        "text",
        "what the value is (`county`, `river`, `building`): without curated distractors, wrong options come "
        "only from facts of the same kind",
    ),
    Field(
        "distractors", "words", "wrong answers of the same kind for a multiple-choice question (never the right one)"
    ),
    Field("tolerance", "tolerance", "how far off a numeric answer may be and still be right, in the fact's unit"),
    Field(
        "topic",
        "pattern",
        "one lower-case word grouping quiz questions (`history`, `heritage`, `geography`, `names`, `figures`); "
        "`roros quiz --topic NAME` asks only those; `trivia` is asked only when chosen",
    ),
    Field(
        "explain",
        "text",
        "one sentence shown after the answer, right or wrong, saying why; words in “curly quotes” must be the "
        "source's own",
    ),
    Field(
        "reveals",
        "words",
        "keys of facts the question tells without quoting them: never asked in the same quiz",
    ),
)

SECTION: Final = (
    Field("title", "text", "the section's title", required=True),
    Field("keys", "words", "facts or groups (all their facts), in order", limit=MAX_FACTS),
)

RESERVED: Final = frozenset({"meta", "layout"})  # top-level tables that are not facts
META_FIELDS: Final = frozenset(field.name for field in META)
FACT_FIELDS: Final = frozenset(field.name for field in FACT)
SECTION_FIELDS: Final = frozenset(field.name for field in SECTION)
