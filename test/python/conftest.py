"""Fixtures of the conformance suite: one emulator per session, a clean slate per test.

The emulator is the built CLI (`node dist/emulator/cli.js --port 0`); it prints its URL alone on
stdout's first line. It runs with an API key of its own, a second project, and no seeded proxy
besides the default one, and stops when the session ends.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import threading
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import httpx
import pytest
from kernel import Kernel

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "dist" / "emulator" / "cli.js"

# The second project: requests name it by id or by name.
TEAM_ID = "proj_team"
TEAM_NAME = "team"

STARTUP_SECONDS = 20


class Emulator:
    def __init__(self, url: str, api_key: str) -> None:
        self.url = url
        self.api_key = api_key
        self.controls = httpx.Client(
            base_url=f"{url}/_emulator",
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=10,
        )

    def reset(self) -> None:
        self.controls.post("/reset").raise_for_status()

    def requests(self) -> List[Dict[str, Any]]:
        answer = self.controls.get("/requests")
        answer.raise_for_status()
        return answer.json()

    def objects(self, resource: str) -> List[Dict[str, Any]]:
        answer = self.controls.get(f"/{resource}")
        answer.raise_for_status()
        return answer.json()


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    if not CLI.exists():
        pytest.fail(f"{CLI.relative_to(ROOT)} is missing: build first (npm run test:python does)")
    api_key = "sk-conformance-" + secrets.token_hex(8)
    process = subprocess.Popen(
        [
            "node",
            str(CLI),
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--api-key",
            api_key,
            "--project",
            f"{TEAM_ID}={TEAM_NAME}",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "KERNEL_API_KEY"},
    )
    assert process.stdout is not None and process.stderr is not None
    first_line: List[str] = []
    reader = threading.Thread(target=lambda: first_line.append(process.stdout.readline()))
    reader.start()
    reader.join(STARTUP_SECONDS)
    url = first_line[0].strip() if first_line else ""
    if not url.startswith("http://127.0.0.1:"):
        process.kill()
        _, err = process.communicate(timeout=10)
        pytest.fail(f"the emulator did not print its URL within {STARTUP_SECONDS} s: {url!r} {err}")
    # Keep draining stdout and stderr so the emulator never blocks on a full pipe.
    for stream in (process.stdout, process.stderr):
        threading.Thread(target=stream.read, daemon=True).start()
    emu = Emulator(url, api_key)
    try:
        yield emu
    finally:
        emu.controls.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class SentRequests:
    """What the client put on the wire, recorded by an httpx event hook."""

    def __init__(self) -> None:
        self.requests: List[httpx.Request] = []

    def hook(self, request: httpx.Request) -> None:
        self.requests.append(request)

    def headers_named(self, name: str) -> List[str | None]:
        return [r.headers.get(name) for r in self.requests]


@pytest.fixture
def sent() -> SentRequests:
    return SentRequests()


@pytest.fixture
def make_client(emulator: Emulator, sent: SentRequests) -> Iterator[Callable[..., Kernel]]:
    """Clients of the official SDK against the emulator. No retries: each call is one request,
    so a 409 or a 429 is seen as the API answers it."""
    made: List[Kernel] = []

    def make(**options: Any) -> Kernel:
        http_client = httpx.Client(event_hooks={"request": [sent.hook]})
        client = Kernel(
            api_key=emulator.api_key,
            base_url=emulator.url,
            max_retries=0,
            http_client=http_client,
            **options,
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture(autouse=True)
def clean(emulator: Emulator) -> None:
    """Every test starts from the seeds alone: no objects, no log."""
    emulator.reset()


@pytest.fixture
def client(make_client: Callable[..., Kernel]) -> Kernel:
    return make_client()
