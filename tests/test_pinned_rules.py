"""The rules of single fields at their edges, in-process and fast: `[meta] roles` must be a table whose every
entry names a key path (a string of dotted names)."""

from __future__ import annotations

import pytest

from roros_cli import loader

NAME = '\n[name]\nlabel = "Name"\nvalue = "Fjellby"\nsource = "t"\n'
DISTRICT = '\n[district]\nlabel = "District"\nvalue = "Gauldal"\nsource = "t"\n'


def _with_roles(roles: str) -> str:
    return f'[meta]\nformat = 1\nsource_title = "T"\nroles = {roles}\n' + NAME + DISTRICT


def _problems(text: str) -> list[str]:
    with pytest.raises(loader.DataError) as caught:
        loader.parse(text, "test.toml")
    return [str(problem) for problem in caught.value.problems]


def test_roles_name_the_files_own_keys() -> None:
    place = loader.parse(_with_roles('{ nickname = "district" }'), "test.toml")
    assert place.roles == (("nickname", "district"),)
    place = loader.parse(_with_roles('{ nickname = "district.sub-part_2" }'), "test.toml")
    assert place.roles == (("nickname", "district.sub-part_2"),)


def test_roles_must_be_a_table() -> None:
    assert _problems(_with_roles("5")) == [
        "test.toml:4: [meta.roles] 'roles' must be a table such as { buffer_zone = \"heritage.buffer\" }, "
        "found an integer"
    ]


@pytest.mark.parametrize(("key", "shown"), [("5", "5"), ('"two words"', "'two words'"), ('"a..b"', "'a..b'")])
def test_a_role_must_name_a_key_path(key: str, shown: str) -> None:
    assert _problems(_with_roles(f"{{ nickname = {key} }}")) == [
        f'test.toml:4: [meta.roles.nickname] a role names a key such as "unesco.area"; found {shown}'
    ]
