"""Child process of bench_startup.py: `minutes extract PATH --format json` with stage timers.

Runs the real CLI entry point in this process, with timers wrapped around the
library calls each stage makes, and prints one JSON object of seconds per
stage. Kept apart from bench_startup.py so its own imports stay out of the
numbers; imports only what the CLI imports anyway.

    python bench/startup_stages.py FILE.docx
"""
from __future__ import annotations

import sys
import time

_STARTED = time.perf_counter()


class Clock:
    """Wall time inside wrapped calls; a call made from inside another wrapped call of the
    same stage counts once (resolve_field calls find_owners)."""

    def __init__(self):
        self.spent: dict[str, float] = {}
        self._depth: dict[str, int] = {}

    def wrap(self, module, name: str, stage: str) -> None:
        original = getattr(module, name, None)
        if original is None:  # renamed upstream: that stage reads 0 rather than failing
            return

        def timed_call(*args, **kwargs):
            depth = self._depth.get(stage, 0)
            self._depth[stage] = depth + 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self._depth[stage] = depth
                if depth == 0:
                    self.spent[stage] = self.spent.get(stage, 0.0) + time.perf_counter() - started

        setattr(module, name, timed_call)


def main(path: str) -> None:
    import io
    import json
    from contextlib import redirect_stdout

    from minutes import cli

    imported = time.perf_counter()
    import extract.items  # imported by the pipeline on first use; timed here as "pipeline imports"
    import minutes.jsonout
    import minutes.pipeline
    import minutes.structure

    clock = Clock()
    clock.wrap(minutes.pipeline, "read", "read")
    clock.wrap(minutes.structure, "structure", "structure")
    clock.wrap(extract.items, "extract_items", "extract")
    clock.wrap(extract.items, "find_owners", "extract: owners")
    clock.wrap(extract.items, "resolve_field", "extract: owners")
    clock.wrap(minutes.jsonout, "to_dict", "JSON building")
    hooked = time.perf_counter()
    sys.argv = ["minutes", "extract", path, "--format", "json"]
    with redirect_stdout(io.StringIO()):
        try:
            cli.main()
        except SystemExit as exc:
            if exc.code not in (0, None):
                raise
    done = time.perf_counter()
    spent = clock.spent
    owners = spent.get("extract: owners", 0.0)
    stages = {
        "import minutes.cli": imported - _STARTED,
        "pipeline imports": hooked - imported,
        "read": spent.get("read", 0.0),
        "structure": spent.get("structure", 0.0),
        "extract: owners": owners,
        "extract: rest": spent.get("extract", 0.0) - owners,
        "JSON building": spent.get("JSON building", 0.0),
    }
    stages["CLI parsing + output"] = done - hooked - sum(v for k, v in stages.items()
                                                     if k not in ("import minutes.cli", "pipeline imports"))
    stages["in process"] = done - _STARTED
    print(json.dumps(stages))


if __name__ == "__main__":
    main(sys.argv[1])
