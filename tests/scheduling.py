"""How xdist shares the suite between workers: a module with a costly shared set-up is one unit of work.

xdist's own `--dist loadgroup` groups the tests that carry an `xdist_group` mark, and marks the group by
renaming each test's id (xdist 3.8 appends "@group" to a private attribute). pytest 9 no longer reads an id
from there, so the marks were silently ignored: each worker took part of every grouped module and built its
module-scoped set-up again (the quiz pool's 13,000 quizzes twice, every student view's processes twice...).
This scheduler groups by module name instead, with xdist's loadscope machinery: a module named in `shared` is
one unit, run whole on one worker; every other test is a unit of its own. loadscope hands out the largest
units first, so the workers still end together. tests/test_scheduling.py runs it in a real xdist session.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import PurePosixPath

import pytest


def make_scheduler(config: pytest.Config, log: object, shared: Collection[str]) -> object:
    """The scheduler for `--dist loadgroup`; None (xdist's own) for any other mode."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class SharedSetUpScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return unit(nodeid, shared)

    return SharedSetUpScheduling(config, log)


def unit(nodeid: str, shared: Collection[str]) -> str:
    """The unit of work a test belongs to: its module's path when the module is shared, else the test."""
    path = nodeid.split("::", 1)[0]
    return path if PurePosixPath(path).name in shared else nodeid
