"""Credential providers through the official client: `/org/credential_providers`, org-wide,
addressed by id."""

from __future__ import annotations

from kernel import BadRequestError, ConflictError, Kernel, NotFoundError

from support import api_error, ids, walk_pages

from conftest import TEAM_NAME

TOKEN = "ops_token-secret-value"


def test_create_retrieve_update_delete(client: Kernel) -> None:
    made = client.credential_providers.create(
        name="vault",
        provider_type="onepassword",
        token=TOKEN,
        cache_ttl_seconds=60,
    )
    assert made.id and (made.name, made.provider_type) == ("vault", "onepassword")
    assert (made.enabled, made.priority) == (True, 0)
    assert made.created_at is not None and made.updated_at is not None
    # The token and the cache TTL are never answered.
    assert TOKEN not in made.to_json() and "cache_ttl_seconds" not in made.to_dict()

    got = client.credential_providers.retrieve(made.id)
    assert (got.id, got.name) == (made.id, "vault")

    updated = client.credential_providers.update(
        made.id,
        enabled=False,
        priority=5,
        name="vault-2",
        token="rotated-secret",
        cache_ttl_seconds=0,
    )
    assert (updated.name, updated.enabled, updated.priority) == ("vault-2", False, 5)
    assert "rotated-secret" not in updated.to_json()
    assert client.credential_providers.retrieve(made.id).enabled is False

    client.credential_providers.delete(made.id)
    api_error(
        lambda: client.credential_providers.retrieve(made.id), NotFoundError, 404, "not_found"
    )
    api_error(lambda: client.credential_providers.delete(made.id), NotFoundError, 404, "not_found")
    api_error(
        lambda: client.credential_providers.update(made.id, enabled=True),
        NotFoundError,
        404,
        "not_found",
    )


def test_names_are_trimmed_and_unique_in_the_org(client: Kernel) -> None:
    # kernel 0.131: "Surrounding whitespace is trimmed and the trimmed value must be non-empty."
    made = client.credential_providers.create(
        name="  op  ", provider_type="onepassword", token=TOKEN
    )
    assert made.name == "op"
    other = client.credential_providers.create(
        name="other", provider_type="onepassword", token=TOKEN
    )
    api_error(
        lambda: client.credential_providers.create(
            name="op", provider_type="onepassword", token=TOKEN
        ),
        ConflictError,
        409,
        "conflict",
    )
    api_error(
        lambda: client.credential_providers.update(other.id, name=" op "),
        ConflictError,
        409,
        "conflict",
    )
    assert client.credential_providers.update(other.id, name=" renamed ").name == "renamed"
    for blank in ("", "   "):
        api_error(
            lambda: client.credential_providers.create(
                name=blank, provider_type="onepassword", token=TOKEN
            ),
            BadRequestError,
            400,
            "bad_request",
        )
        api_error(
            lambda: client.credential_providers.update(made.id, name=blank),
            BadRequestError,
            400,
            "bad_request",
        )


def test_org_wide_whatever_the_project(client: Kernel, make_client) -> None:
    made = client.credential_providers.create(
        name="shared", provider_type="onepassword", token=TOKEN
    )
    team = make_client(project=TEAM_NAME)
    assert team.credential_providers.retrieve(made.id).name == "shared"
    assert ids(team.credential_providers.list().items) == [made.id]


def test_list_pages_and_filters(client: Kernel) -> None:
    made = [
        client.credential_providers.create(
            name=f"cp-{i}", provider_type="onepassword", token=TOKEN
        ).id
        for i in range(5)
    ]
    assert walk_pages(client.credential_providers.list(limit=2)) == [
        made[0:2],
        made[2:4],
        made[4:5],
    ]
    assert ids(client.credential_providers.list(limit=2)) == made
    assert ids(client.credential_providers.list(query="CP-2").items) == [made[2]]
    assert ids(client.credential_providers.list(query=made[4]).items) == [made[4]]


def test_bad_requests(client: Kernel) -> None:
    api_error(
        lambda: client.credential_providers.create(name="x", provider_type="bitwarden", token=TOKEN),  # type: ignore[arg-type]
        BadRequestError,
        400,
        "bad_request",
    )
    api_error(
        lambda: client.credential_providers.create(name="x", provider_type="onepassword", token=""),
        BadRequestError,
        400,
        "bad_request",
    )
    made = client.credential_providers.create(name="y", provider_type="onepassword", token=TOKEN)
    api_error(
        lambda: client.credential_providers.update(made.id, cache_ttl_seconds=-1),
        BadRequestError,
        400,
        "bad_request",
    )
