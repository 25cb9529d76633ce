"""Where output goes: results to stdout (text or one JSON document), everything else to stderr."""

from __future__ import annotations

import json
import sys
from typing import Any


class Output:
    """The CLI's writer. ``json_mode`` switches results from text to one JSON document."""

    def __init__(self, json_mode: bool = False) -> None:
        self.json_mode = json_mode

    def result(self, text: str, data: Any) -> None:
        """Print a result: ``text`` normally, ``data`` as JSON under ``--json``."""
        if self.json_mode:
            sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        sys.stdout.flush()

    def warn(self, message: str) -> None:
        """A warning on stderr (never on stdout, so pipes and JSON stay clean)."""
        sys.stderr.write(f"numtheory: warning: {message}\n")
        sys.stderr.flush()

    def info(self, message: str) -> None:
        """A note for the person at the terminal, on stderr."""
        sys.stderr.write(f"numtheory: {message}\n")
        sys.stderr.flush()

    def error(self, message: str) -> None:
        sys.stderr.write(f"numtheory: error: {message}\n")
        sys.stderr.flush()

    @staticmethod
    def is_tty() -> bool:
        """True when stderr is a terminal: progress bars are shown only then."""
        return sys.stderr.isatty()
