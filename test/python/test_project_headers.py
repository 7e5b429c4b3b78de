"""Project scoping through the official client: `Kernel(project=...)` sends `X-Kernel-Project`
(an id or a name), `Kernel(project_id=...)` sends `X-Kernel-Project-Id` (an id); without either,
requests go to the default project. Credential providers are org-wide."""

from __future__ import annotations

from typing import Any, Callable, Dict, Tuple

import pytest
from kernel import Kernel, NotFoundError

from conftest import TEAM_ID, TEAM_NAME
from support import api_error, ids

# Per project-scoped object: make one, and read it back by id.
Make = Callable[[Kernel], Any]
Read = Callable[[Kernel, str], Any]
OBJECTS: Dict[str, Tuple[Make, Read, Callable[[Kernel], Any]]] = {
    "auth connection": (
        lambda k: k.auth.connections.create(profile_name="p", domain="a.com"),
        lambda k, i: k.auth.connections.retrieve(i),
        lambda k: k.auth.connections.list(),
    ),
    "credential": (
        lambda k: k.credentials.create(name="c", domain="a.com", values={"u": "v"}),
        lambda k, i: k.credentials.retrieve(i),
        lambda k: k.credentials.list(),
    ),
    "proxy": (
        lambda k: k.proxies.create(type="isp", name="team-proxy"),
        lambda k, i: k.proxies.retrieve(i),
        lambda k: k.proxies.list(),
    ),
    "profile": (
        lambda k: k.profiles.create(name="team-profile"),
        lambda k, i: k.profiles.retrieve(i),
        lambda k: k.profiles.list(),
    ),
}


@pytest.mark.parametrize("kind", sorted(OBJECTS))
def test_an_object_lives_in_the_project_the_headers_name(
    kind: str, make_client, sent, emulator
) -> None:
    make, read, listing = OBJECTS[kind]
    by_name = make_client(project=TEAM_NAME)
    made = make(by_name)

    by_id = make_client(project=TEAM_ID)
    by_id_header = make_client(project_id=TEAM_ID)
    for reader in (by_name, by_id, by_id_header):
        assert read(reader, made.id).id == made.id
        assert made.id in ids(listing(reader).items)

    default = make_client()
    api_error(lambda: read(default, made.id), NotFoundError, 404, "not_found")
    assert made.id not in ids(listing(default).items)

    # One header per request, the one the option names; none for the default project.
    headers = [
        (r.headers.get("x-kernel-project"), r.headers.get("x-kernel-project-id"))
        for r in sent.requests
    ]
    assert headers == [
        (TEAM_NAME, None),  # make
        (TEAM_NAME, None),
        (TEAM_NAME, None),
        (TEAM_ID, None),
        (TEAM_ID, None),
        (None, TEAM_ID),
        (None, TEAM_ID),
        (None, None),
        (None, None),
    ]
    # The emulator resolved each named project to the team's id.
    log = emulator.requests()
    assert [entry.get("project") for entry in log] == [TEAM_ID] * 7 + [None, None]


@pytest.mark.parametrize("kind", sorted(OBJECTS))
def test_an_unknown_project_is_404_project_not_found(kind: str, make_client) -> None:
    make, _, listing = OBJECTS[kind]
    for client in (make_client(project="nowhere"), make_client(project_id="proj_nowhere")):
        api_error(lambda: make(client), NotFoundError, 404, "project_not_found")
        api_error(lambda: listing(client), NotFoundError, 404, "project_not_found")


def test_the_id_header_takes_ids_only(make_client) -> None:
    # X-Kernel-Project-Id does not take names (docs, 2026-08-07); X-Kernel-Project does.
    api_error(
        lambda: make_client(project_id=TEAM_NAME).profiles.list(),
        NotFoundError,
        404,
        "project_not_found",
    )
    assert make_client(project=TEAM_NAME).profiles.list().items == []


def test_names_are_unique_per_project_not_across_projects(make_client) -> None:
    team, default = make_client(project=TEAM_NAME), make_client()
    a = default.credentials.create(name="same", domain="a.com", values={"u": "v"})
    b = team.credentials.create(name="same", domain="a.com", values={"u": "v"})
    assert a.id != b.id
    assert default.credentials.retrieve("same").id == a.id
    assert team.credentials.retrieve("same").id == b.id
    c = default.profiles.create(name="same")
    d = team.profiles.create(name="same")
    assert (
        default.profiles.retrieve("same").id == c.id and team.profiles.retrieve("same").id == d.id
    )


def test_credential_providers_ignore_the_project(make_client) -> None:
    made = make_client(project=TEAM_NAME).credential_providers.create(
        name="org-wide",
        provider_type="onepassword",
        token="t0ken-secret",
    )
    for client in (make_client(), make_client(project_id=TEAM_ID)):
        assert client.credential_providers.retrieve(made.id).name == "org-wide"
