"""Browser pools through the official client: `/browser_pools`, addressed by id or name (0.131)."""

from __future__ import annotations

import io
import json
import zipfile

from kernel import BadRequestError, ConflictError, Kernel, NotFoundError

from conftest import Emulator, SentRequests
from support import api_error, ids, walk_pages


def test_create_retrieve_update_delete(client: Kernel) -> None:
    made = client.browser_pools.create(
        size=2, name="warm", region="ap-southeast", headless=True, memory="2GiB"
    )
    assert made.id and made.name == "warm" and made.region == "ap-southeast"
    assert (made.acquired_count, made.available_count) == (0, 2)
    config = made.browser_pool_config
    assert (config.size, config.headless, config.memory) == (2, True, "2GiB")
    # What the program left out is answered with the server's defaults.
    assert (config.stealth, config.timeout_seconds, config.fill_rate_per_minute) == (False, 600, 25)
    assert made.extension_ids == []

    assert client.browser_pools.retrieve("warm").id == made.id
    updated = client.browser_pools.update(
        made.id, size=3, start_url="https://example.com", discard_all_idle=True
    )
    assert updated.browser_pool_config.size == 3
    assert updated.browser_pool_config.start_url == "https://example.com"
    assert updated.region == "ap-southeast"

    client.browser_pools.delete("warm")
    api_error(lambda: client.browser_pools.retrieve(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.browser_pools.delete(made.id), NotFoundError, 404, "not_found")
    api_error(
        lambda: client.browser_pools.update(made.id, size=1), NotFoundError, 404, "not_found"
    )


def manifest_zip() -> bytes:
    """The smallest extension the API takes: a ZIP with a manifest.json at its root."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("manifest.json", '{"manifest_version": 3}')
    return out.getvalue()


def test_references_and_clears(client: Kernel) -> None:
    profile = client.profiles.create(name="logged-in")
    proxy = client.proxies.create(type="isp", name="route")
    extension = client.extensions.upload(file=("adblock.zip", manifest_zip(), "application/zip"), name="adblock")
    made = client.browser_pools.create(
        size=1,
        profile={"name": "logged-in"},
        proxy_id=proxy.id,
        extensions=[{"name": "adblock"}],
        chrome_policy={"HomepageLocation": "https://example.com"},
        network={
            "allowed_hosts": ["example.com"],
            "proxy_routes": [{"hosts": ["*.eu.example.com"], "proxy": {"name": "route"}}],
        },
        telemetry={"enabled": True, "storage": {"enabled": True}},
        viewport={"width": 1280, "height": 800},
    )
    assert made.profile_id == profile.id
    config = made.browser_pool_config
    assert config.profile is not None and config.profile.name == "logged-in"
    assert config.refresh_on_profile_update is True
    # Route proxies are answered by id, whatever selected them.
    assert config.network is not None and config.network.proxy_routes is not None
    assert config.network.proxy_routes[0].proxy.id == proxy.id
    assert config.telemetry is not None and config.telemetry.storage is not None
    assert config.telemetry.storage.enabled is True
    assert made.extension_ids == [extension.id]

    cleared = client.browser_pools.update(
        made.id,
        proxy_id="",
        extensions=[],
        chrome_policy={},
        network={},
        profile={"id": ""},
        telemetry={"enabled": False},
    )
    config = cleared.browser_pool_config
    assert (config.proxy_id, config.extensions, config.chrome_policy) == (None, None, None)
    assert (config.network, config.profile, config.telemetry) == (None, None, None)
    assert cleared.profile_id is None and cleared.extension_ids == []
    assert config.refresh_on_profile_update is False
    # What cannot be cleared stays.
    assert config.viewport is not None and config.viewport.width == 1280


def test_names_are_unique_and_region_is_fixed(client: Kernel) -> None:
    first = client.browser_pools.create(size=1, name="taken")
    other = client.browser_pools.create(size=1, name="free")
    api_error(
        lambda: client.browser_pools.create(size=1, name="taken"), ConflictError, 409, "conflict"
    )
    api_error(
        lambda: client.browser_pools.update(other.id, name="taken"),
        ConflictError,
        409,
        "conflict",
    )
    assert client.browser_pools.retrieve(other.id).name == "free"
    # An empty name changes nothing: a pool's name cannot be cleared.
    assert client.browser_pools.update(first.id, name="").name == "taken"
    api_error(
        lambda: client.browser_pools.update(first.id, extra_body={"region": "eu-west"}),
        BadRequestError,
        400,
        "bad_request",
    )


def test_a_stale_network_refuses_the_whole_update(client: Kernel) -> None:
    made = client.browser_pools.create(size=1, network={"private_hosts": ["10.0.0.0/8"]})
    api_error(
        lambda: client.browser_pools.update(made.id, size=4, expected_network={}),
        ConflictError,
        409,
        "stale_network",
    )
    assert client.browser_pools.retrieve(made.id).browser_pool_config.size == 1
    fresh = client.browser_pools.update(
        made.id, size=4, expected_network={"private_hosts": ["10.0.0.0/8"]}
    )
    assert fresh.browser_pool_config.size == 4


def test_leased_browsers_refuse_a_delete_until_forced(
    client: Kernel, emulator: Emulator, sent: SentRequests
) -> None:
    made = client.browser_pools.create(size=2, name="busy")
    emulator.controls.patch(f"/browser_pools/{made.id}", json={"acquired_count": 2}).raise_for_status()
    got = client.browser_pools.retrieve("busy")
    assert (got.acquired_count, got.available_count) == (2, 0)
    api_error(lambda: client.browser_pools.delete("busy"), ConflictError, 409, "conflict")
    assert client.browser_pools.retrieve(made.id).id == made.id
    client.browser_pools.delete("busy", force=True)
    api_error(lambda: client.browser_pools.retrieve(made.id), NotFoundError, 404, "not_found")
    # The client sends force in the body of the DELETE, not in the query.
    last = sent.requests[-2]
    assert (last.method, last.url.query) == ("DELETE", b"")
    assert json.loads(last.content) == {"force": True}


def test_list_pages_and_filters(client: Kernel) -> None:
    made = [
        client.browser_pools.create(size=1, name=f"p-{i}", region=region).id
        for i, region in enumerate(["us-east", "us-west", "us-west", "eu-west", "us-east"])
    ]
    assert walk_pages(client.browser_pools.list(limit=2)) == [made[0:2], made[2:4], made[4:5]]
    assert ids(client.browser_pools.list(region="us-west").items) == made[1:3]
    assert ids(client.browser_pools.list(name="p-3").items) == [made[3]]
    assert ids(client.browser_pools.list(query="P-4").items) == [made[4]]


def test_bad_requests(client: Kernel) -> None:
    api_error(
        lambda: client.browser_pools.create(size=1, timeout_seconds=5),
        BadRequestError,
        400,
        "bad_request",
    )
    api_error(
        lambda: client.browser_pools.create(size=1, headless=True, memory="16GiB"),
        BadRequestError,
        400,
        "bad_request",
    )
    api_error(
        lambda: client.browser_pools.create(size=1, profile={"name": "missing"}),
        BadRequestError,
        400,
        "bad_request",
    )
    api_error(
        lambda: client.browser_pools.create(size=1, network={"allowed_hosts": []}),
        BadRequestError,
        400,
        "bad_request",
    )
