"""Where the data file is: --data beats ROROS_DATA, which beats the built-in file. No parsing here.

Kept apart from the loader so that the start-up fast path and the cache can find the file without importing
the loader, the model and the TOML parser.
"""

from __future__ import annotations

import os

ENV_VAR = "ROROS_DATA"


def requested_path(option: str | None) -> str | None:
    """The data file asked for: --data beats ROROS_DATA; None means the built-in file."""
    return option or os.environ.get(ENV_VAR) or None


def builtin_path() -> str | None:
    """The built-in data file as a path on disk, or None when the package is not on disk (a zip)."""
    return shipped("roros.toml")


def shipped(name: str) -> str | None:
    """A file of data/ that ships with roros, as a path on disk; None when the package is not on disk (a zip).

    Looked up beside the module first: importing importlib.resources costs 12 to 18 ms of start-up, and a
    normal install (wheel or sdist) puts the file there. An editable install finds it in the source tree,
    where the wheel build takes it from.
    """
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (
        os.path.join(here, "data", name),
        os.path.join(os.path.dirname(os.path.dirname(here)), "data", name),
    ):
        if os.path.isfile(candidate):
            return candidate
    return None
