"""Helpers for the OEIS tests: fixture bodies (see data/README.md) and constructed records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def data_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def fake_record(number: int, data: str = "1,2,6,20,70", name: str | None = None) -> dict[str, Any]:
    """A minimal record in the captured shape (constructed; for paging and ranking tests)."""
    return {
        "number": number,
        "data": data,
        "name": name or f"Constructed test sequence {number}.",
        "keyword": "nonn",
        "offset": "0,1",
        "references": 1,
        "revision": 1,
        "time": "2026-01-01T00:00:00-05:00",
        "created": "2026-01-01T00:00:00-05:00",
    }


def page_of(numbers: range | list[int]) -> str:
    return json.dumps([fake_record(n) for n in numbers], indent="\t")


class Sleeps(list[float]):
    """A sleep that records the waits instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
