"""The subcommands of `warroom` (DESIGN §2), one module each.

A command module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. To add a command, write its module and list it in ``COMMANDS``.
"""

from __future__ import annotations

from types import ModuleType

from warroom.commands import (
    export,
    fetch,
    graph,
    import_cmd,
    log,
    new,
    review,
    scenario,
    screenshot,
    source,
    stakeholders,
    stats,
    verify,
)

COMMANDS: tuple[ModuleType, ...] = (
    new,
    log,
    verify,
    stats,
    stakeholders,
    graph,
    export,
    scenario,
    review,
    screenshot,
    import_cmd,
    source,
    fetch,
)
