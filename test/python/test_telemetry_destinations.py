"""OTLP telemetry destinations through the official client: `/telemetry/destinations`, org-wide,
a name unique in the org, header values answered redacted and patched key by key."""

from __future__ import annotations

from kernel import BadRequestError, ConflictError, Kernel, NotFoundError

from support import api_error, ids, walk_pages

from conftest import TEAM_NAME

INGEST_KEY = "hcaik_01hconformancesecret"


def create(client: Kernel, name: str = "honeycomb", **extra):
    return client.telemetry.destinations.create(
        name=name,
        endpoint="https://api.honeycomb.io",
        headers={"x-honeycomb-team": INGEST_KEY},
        **extra,
    )


def test_create_retrieve_update_delete(client: Kernel) -> None:
    made = create(client, description="traces")
    assert made.id and (made.name, made.endpoint) == ("honeycomb", "https://api.honeycomb.io")
    assert made.description == "traces"
    # Canonical names; values redacted as empty strings.
    assert made.headers == {"X-Honeycomb-Team": ""}
    assert INGEST_KEY not in made.to_json()
    assert made.consecutive_failures == 0 and made.last_export_at is None

    assert client.telemetry.destinations.retrieve("honeycomb").id == made.id

    updated = client.telemetry.destinations.update(
        made.id, name="hc", endpoint="https://api.eu1.honeycomb.io", description="EU"
    )
    assert (updated.name, updated.endpoint, updated.description) == (
        "hc",
        "https://api.eu1.honeycomb.io",
        "EU",
    )

    client.telemetry.destinations.delete("hc")
    api_error(
        lambda: client.telemetry.destinations.retrieve(made.id), NotFoundError, 404, "not_found"
    )
    api_error(
        lambda: client.telemetry.destinations.delete(made.id), NotFoundError, 404, "not_found"
    )


def test_headers_patch_key_by_key(client: Kernel) -> None:
    made = client.telemetry.destinations.create(
        name="hc",
        endpoint="https://api.honeycomb.io",
        headers={"X-Honeycomb-Team": "one", "X-Dataset": "web"},
    )
    updated = client.telemetry.destinations.update(
        made.id, headers={"x-honeycomb-team": "two", "X-Dataset": None, "X-Env": "prod"}
    )
    assert updated.headers == {"X-Honeycomb-Team": "", "X-Env": ""}
    api_error(
        lambda: client.telemetry.destinations.create(
            name="dup",
            endpoint="https://api.honeycomb.io",
            headers={"Authorization": "a", "authorization": "b"},
        ),
        BadRequestError,
        400,
        "bad_request",
    )


def test_names_are_unique_in_the_org(client: Kernel, make_client) -> None:
    made = create(client)
    err = api_error(lambda: create(make_client(project=TEAM_NAME)), ConflictError, 409, "conflict")
    assert err.body["details"][0]["message"] == made.id
    other = create(client, name="other")
    api_error(
        lambda: client.telemetry.destinations.update(other.id, name="honeycomb"),
        ConflictError,
        409,
        "conflict",
    )


def test_endpoint_rules(client: Kernel) -> None:
    for endpoint in (
        "https://api.honeycomb.io/v1/logs",
        "https://api.honeycomb.io?x=1",
        "ftp://api.honeycomb.io",
    ):
        api_error(
            lambda: client.telemetry.destinations.create(name="x", endpoint=endpoint),
            BadRequestError,
            400,
            "bad_request",
        )


def test_in_use_by_a_connection(client: Kernel, make_client) -> None:
    made = create(client)
    team = make_client(project=TEAM_NAME)
    connection = team.auth.connections.create(
        domain="example.com",
        profile_name="p",
        browser={"telemetry": {"export": {"otlp": {"destination": {"name": "honeycomb"}}}}},
    )
    api_error(lambda: client.telemetry.destinations.delete(made.id), ConflictError, 409, "conflict")
    api_error(
        lambda: client.telemetry.destinations.update(made.id, name="renamed"),
        ConflictError,
        409,
        "conflict",
    )
    # Headers stay editable: the rotation path.
    client.telemetry.destinations.update(made.id, headers={"X-Honeycomb-Team": "rotated"})
    team.auth.connections.delete(connection.id)
    client.telemetry.destinations.delete(made.id)


def test_list_pages_and_filters(client: Kernel, make_client) -> None:
    made = [create(client, name=f"d-{i}").id for i in range(5)]
    assert walk_pages(client.telemetry.destinations.list(limit=2)) == [
        made[0:2],
        made[2:4],
        made[4:5],
    ]
    assert ids(client.telemetry.destinations.list(name="d-3").items) == [made[3]]
    assert ids(client.telemetry.destinations.list(query="honeycomb.io", limit=10).items) == made
    assert ids(make_client(project=TEAM_NAME).telemetry.destinations.list(limit=10).items) == made
