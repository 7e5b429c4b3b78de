"""The suite speaks for the client it pins: the installed SDK must be that version."""

from __future__ import annotations

from pathlib import Path

import kernel


def test_the_installed_client_is_the_pinned_one() -> None:
    pins = dict(
        line.split("==", 1)
        for line in (Path(__file__).parent / "requirements.txt").read_text().split()
        if "==" in line
    )
    assert kernel.__version__ == pins["kernel"] == "0.131.0"
