"""How xdist shares the suite between workers: a module with a costly shared set-up is one unit of work.

xdist's own `--dist loadgroup` groups the tests that carry an `xdist_group` mark, and marks the group by
renaming each test's id (xdist 3.8 appends "@group" to a private attribute). pytest 9 no longer reads an id
from there, so the marks were silently ignored: each worker took part of every grouped module and built its
module-scoped set-up again (the quiz pool's 13,000 quizzes twice, every student view's processes twice...).
This scheduler groups by module name instead, with xdist's loadscope machinery: a module named in `shared` is
one unit, run whole on one worker; every other test is a unit of its own. The modules that drive Chromium
are one unit together: a browser test spends much of its time waiting on the browser, so with two workers
both in browser tests a core stands idle, and with one worker on them the other keeps the second core busy
(and only one Chromium starts). loadscope hands out the largest units first, so the workers still end
together. tests/test_scheduling.py runs it in a real xdist session.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import PurePosixPath

import pytest


def make_scheduler(
    config: pytest.Config, log: object, shared: Collection[str], together: Collection[str] = ()
) -> object:
    """The scheduler for `--dist loadgroup`; None (xdist's own) for any other mode."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class SharedSetUpScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return unit(nodeid, shared, together)

    return SharedSetUpScheduling(config, log)


TOGETHER = "together"  # the name of the one unit that holds every module of `together`


def unit(nodeid: str, shared: Collection[str], together: Collection[str] = ()) -> str:
    """The unit of work a test belongs to: the modules of `together` make one unit; a module of `shared` is a
    unit; any other test is its own."""
    path = nodeid.split("::", 1)[0]
    name = PurePosixPath(path).name
    if name in together:
        return TOGETHER
    return path if name in shared else nodeid
