"""Proxies through the official client: `/proxies`, addressed by id or exact name (0.131)."""

from __future__ import annotations

from kernel import BadRequestError, Kernel, NotFoundError

from support import api_error, ids, walk_pages

SEEDED = "proxy_residential"  # the emulator's default seed, in the default project


def test_create_retrieve_update_delete(client: Kernel) -> None:
    made = client.proxies.create(type="isp", name="  office  ", config={"country": "GB"})
    assert made.id and made.type == "isp"
    assert made.name == "office"  # names are trimmed
    assert made.protocol == "https"
    assert made.config is not None and made.config.country == "GB"  # type: ignore[union-attr]
    assert made.status in ("available", "unavailable")

    got = client.proxies.retrieve(made.id)
    assert (got.id, got.name, got.type) == (made.id, "office", "isp")

    renamed = client.proxies.update(made.id, name=" office-2 ")
    assert renamed.name == "office-2"
    assert client.proxies.retrieve(made.id).name == "office-2"

    client.proxies.delete(made.id)
    api_error(lambda: client.proxies.retrieve(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.proxies.delete(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.proxies.update(made.id, name="x"), NotFoundError, 404, "not_found")


def test_defaults_per_type(client: Kernel) -> None:
    isp = client.proxies.create(type="isp")
    assert isp.config is not None and isp.config.country == "US"  # type: ignore[union-attr]
    residential = client.proxies.create(
        type="residential", config={"country": "FR", "city": "paris"}
    )
    assert residential.config.city == "paris"  # type: ignore[union-attr]
    mobile = client.proxies.create(type="mobile", protocol="http")
    assert mobile.protocol == "http"
    # Without a country a residential or mobile proxy uses the global pool: none is invented.
    assert getattr(mobile.config, "country", None) is None


def test_datacenter_is_deprecated_but_accepted(client: Kernel) -> None:
    # 0.121 dropped `datacenter` from the SDK's enum ("Deprecate datacenter proxies in the API");
    # nothing says the API refuses it, and the SDK parses answers without enforcing the enum.
    made = client.proxies.create(type="datacenter")  # type: ignore[arg-type]
    assert client.proxies.retrieve(made.id).type == "datacenter"


def test_custom_secrets_are_never_answered(client: Kernel) -> None:
    made = client.proxies.create(
        type="custom",
        name="corp",
        config={
            "host": "proxy.example.com",
            "port": 3128,
            "username": "u",
            "password": "hunter2-secret",
            "ca_bundle": "-----BEGIN CERTIFICATE-----",
        },
    )
    for answer in (made, client.proxies.retrieve(made.id)):
        config = answer.config
        assert config.host == "proxy.example.com" and config.port == 3128  # type: ignore[union-attr]
        assert config.username == "u"  # type: ignore[union-attr]
        assert config.has_password is True and config.has_ca_bundle is True  # type: ignore[union-attr]
        assert "hunter2-secret" not in answer.to_json()
        assert "password" not in answer.to_dict()["config"]


def test_addressed_by_exact_name(client: Kernel) -> None:
    made = client.proxies.create(type="isp", name="by-name")
    assert client.proxies.retrieve("by-name").id == made.id
    assert client.proxies.update("by-name", name="by-name-2").id == made.id
    client.proxies.delete("by-name-2")
    api_error(lambda: client.proxies.retrieve(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.proxies.retrieve("by-name-2"), NotFoundError, 404, "not_found")


def test_duplicate_names_are_allowed_and_ambiguous_by_name(client: Kernel) -> None:
    a = client.proxies.create(type="isp", name="twin")
    b = client.proxies.create(type="mobile", name="twin")
    assert a.id != b.id
    # Proxies have no unique key: a second name is no 409, and a rename to a taken name is fine.
    c = client.proxies.create(type="isp", name="other")
    assert client.proxies.update(c.id, name="twin").name == "twin"
    listed = client.proxies.list(name="twin")
    assert sorted(ids(listed.items)) == sorted([a.id, b.id, c.id])
    for call in (
        lambda: client.proxies.retrieve("twin"),
        lambda: client.proxies.update("twin", name="x"),
        lambda: client.proxies.delete("twin"),
    ):
        api_error(call, BadRequestError, 400, "ambiguous_proxy_name")
    # By id each one is still reachable, and nothing was deleted by the refused calls.
    assert {client.proxies.retrieve(i).name for i in (a.id, b.id, c.id)} == {"twin"}


def test_an_id_wins_over_a_name(client: Kernel) -> None:
    target = client.proxies.create(type="isp", name="target")
    decoy = client.proxies.create(type="isp", name=target.id)
    assert client.proxies.retrieve(target.id).id == target.id
    assert decoy.name == target.id


def test_list_pages_and_filters(client: Kernel) -> None:
    made = [client.proxies.create(type="isp", name=f"page-{i}").id for i in range(5)]
    everything = [SEEDED, *made]
    pages = walk_pages(client.proxies.list(limit=2))
    assert pages == [everything[0:2], everything[2:4], everything[4:6]]
    # Iterating the first page walks every page, as a caller of the SDK does.
    assert ids(client.proxies.list(limit=2)) == everything
    assert ids(client.proxies.list(offset=4, limit=10).items) == everything[4:]
    assert ids(client.proxies.list(query="PAGE-3").items) == [made[3]]
    assert ids(client.proxies.list(query=made[1]).items) == [made[1]]
    assert client.proxies.list(name="nobody").items == []


def test_bad_requests(client: Kernel) -> None:
    api_error(
        lambda: client.proxies.create(type="custom", config={"port": 3128}),  # type: ignore[typeddict-item]
        BadRequestError,
        400,
        "bad_request",
    )
    api_error(
        lambda: client.proxies.create(type="residential", config={"city": "paris"}),
        BadRequestError,
        400,
        "bad_request",
    )
    api_error(
        lambda: client.proxies.create(type="satellite"),  # type: ignore[arg-type]
        BadRequestError,
        400,
        "bad_request",
    )
    api_error(
        lambda: client.proxies.list(limit=0),
        BadRequestError,
        400,
        "bad_request",
    )
