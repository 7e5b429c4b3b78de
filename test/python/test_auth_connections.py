"""Auth connections through the official client: `/auth/connections`, addressed by id."""

from __future__ import annotations

from kernel import BadRequestError, ConflictError, Kernel, NotFoundError

from support import api_error, ids, walk_pages

SEEDED_PROXY = ("proxy_residential", "residential")  # the emulator's default seed


def test_create_retrieve_update_delete(client: Kernel) -> None:
    made = client.auth.connections.create(
        profile_name="alice",
        domain="Netflix.com",
        login_url="https://www.netflix.com/login",
        credential={"name": "netflix"},
        allowed_domains=["login.netflix.com", "*.okta.com"],
        health_check_interval=3600,
        browser={"proxy": {"name": SEEDED_PROXY[1]}, "stealth": False},
    )
    assert made.id and (made.profile_name, made.domain) == ("alice", "netflix.com")
    assert made.status in ("AUTHENTICATED", "NEEDS_AUTH")
    assert made.login_url == "https://www.netflix.com/login"
    assert made.credential is not None and made.credential.name == "netflix"
    assert made.allowed_domains == ["login.netflix.com", "*.okta.com"]
    assert made.health_check_interval == 3600
    # Defaults the API owns.
    assert (made.health_checks, made.auto_reauth, made.record_session, made.save_credentials) == (
        True,
        True,
        False,
        True,
    )
    assert made.browser is not None and made.browser.stealth is False
    assert made.browser.proxy is not None
    assert (made.browser.proxy.id, made.browser.proxy.name) == SEEDED_PROXY
    assert made.proxy_id == SEEDED_PROXY[0]  # deprecated, still answered

    got = client.auth.connections.retrieve(made.id)
    assert got.to_dict() == made.to_dict()

    # Only the fields sent change; browser properties left out are unchanged.
    updated = client.auth.connections.update(
        made.id,
        login_url="",
        health_checks=False,
        record_session=True,
        browser={"stealth": True},
        allowed_domains=[],
    )
    assert updated.login_url is None
    assert (updated.health_checks, updated.record_session, updated.auto_reauth) == (
        False,
        True,
        True,
    )
    assert updated.browser is not None and updated.browser.stealth is True
    assert updated.browser.proxy is not None and updated.browser.proxy.id == SEEDED_PROXY[0]
    assert updated.allowed_domains == []
    assert updated.credential is not None and updated.credential.name == "netflix"

    # `mode: default` detaches the proxy.
    detached = client.auth.connections.update(made.id, browser={"proxy": {"mode": "default"}})
    assert detached.browser is not None and detached.browser.proxy is not None
    assert detached.browser.proxy.mode == "default" and detached.proxy_id is None

    client.auth.connections.delete(made.id)
    api_error(lambda: client.auth.connections.retrieve(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.auth.connections.delete(made.id), NotFoundError, 404, "not_found")
    api_error(
        lambda: client.auth.connections.update(made.id, health_checks=True),
        NotFoundError,
        404,
        "not_found",
    )


def test_the_profile_is_made_when_missing(client: Kernel) -> None:
    client.auth.connections.create(profile_name="fresh", domain="a.com")
    assert client.profiles.retrieve("fresh").name == "fresh"


def test_the_credential_shapes(client: Kernel) -> None:
    by_path = client.auth.connections.create(
        profile_name="p",
        domain="a.com",
        credential={"provider": "my-1p", "path": "Vault/Item"},
    )
    assert by_path.credential is not None and by_path.credential.path == "Vault/Item"
    auto = client.auth.connections.update(
        by_path.id, credential={"provider": "my-1p", "auto": True}
    )
    assert auto.credential is not None and auto.credential.auto is True
    api_error(
        lambda: client.auth.connections.update(
            by_path.id, credential={"name": "x", "provider": "y"}
        ),
        BadRequestError,
        400,
        "bad_request",
    )


def test_region_and_telemetry(client: Kernel) -> None:
    # kernel 0.102-0.120 (region) and 0.91/0.114 (telemetry): nested under `browser`.
    telemetry = {"enabled": True, "export": {"otlp": {"destination": {"name": "collector"}}}}
    made = client.auth.connections.create(
        profile_name="p",
        domain="a.com",
        browser={"region": "eu-west", "telemetry": telemetry},
    )
    assert made.browser is not None and made.browser.region == "eu-west"
    assert made.browser.telemetry is not None and made.browser.telemetry.enabled is True
    destination = made.browser.telemetry.export.otlp.destination  # type: ignore[union-attr]
    assert destination is not None and destination.name == "collector"

    # Left out of a PATCH: unchanged. Region changes in place; telemetry null clears.
    kept = client.auth.connections.update(made.id, browser={"stealth": False})
    assert kept.browser is not None and kept.browser.region == "eu-west"
    assert kept.browser.telemetry is not None
    moved = client.auth.connections.update(
        made.id, browser={"region": "us-west", "telemetry": None}
    )
    assert moved.browser is not None and moved.browser.region == "us-west"
    assert moved.browser.telemetry is None
    assert client.auth.connections.retrieve(made.id).browser.telemetry is None  # type: ignore[union-attr]

    plain = client.auth.connections.create(profile_name="p2", domain="a.com")
    assert plain.browser is not None and plain.browser.telemetry is None
    api_error(
        lambda: client.auth.connections.create(
            profile_name="p3",
            domain="a.com",
            browser={"region": "mars-1"},  # type: ignore[typeddict-item]
        ),
        BadRequestError,
        400,
        "bad_request",
    )


def test_one_connection_per_profile_and_domain(client: Kernel) -> None:
    made = client.auth.connections.create(profile_name="p", domain="a.com")
    err = api_error(
        lambda: client.auth.connections.create(profile_name="p", domain="A.com"),
        ConflictError,
        409,
        "conflict",
    )
    assert {"code": "existing_id", "message": made.id} in err.body["details"]  # type: ignore[index]
    assert ids(client.auth.connections.list().items) == [made.id]


def test_list_pages_and_filters(client: Kernel) -> None:
    made = [
        client.auth.connections.create(profile_name=f"user-{i % 2}", domain=f"site{i}.com").id
        for i in range(5)
    ]
    assert walk_pages(client.auth.connections.list(limit=2)) == [made[0:2], made[2:4], made[4:5]]
    assert ids(client.auth.connections.list(limit=2)) == made
    assert ids(client.auth.connections.list(profile_name="user-1").items) == [made[1], made[3]]
    assert ids(client.auth.connections.list(domain="SITE2.com").items) == [made[2]]
    assert ids(client.auth.connections.list(query="site4").items) == [made[4]]
    assert walk_pages(client.auth.connections.list(profile_name="user-0", limit=2)) == [
        [made[0], made[2]],
        [made[4]],
    ]


def test_bad_requests(client: Kernel) -> None:
    for bad in (
        dict(health_check_interval=86401),
        dict(health_check_interval=60),
        dict(login_url="not a url"),
        dict(browser={"proxy": {"name": "nobody"}}),
        dict(browser={"proxy": {"id": "proxy_missing"}}),
        dict(browser={"proxy": {"mode": "direct", "id": SEEDED_PROXY[0]}}),
    ):
        api_error(
            lambda: client.auth.connections.create(profile_name="p", domain="a.com", **bad),  # type: ignore[arg-type]
            BadRequestError,
            400,
            "bad_request",
        )
    assert client.auth.connections.list().items == []
    api_error(
        lambda: client.auth.connections.create(profile_name="", domain="a.com"),
        BadRequestError,
        400,
        "bad_request",
    )
