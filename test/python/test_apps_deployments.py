"""Apps and deployments through the official client: `/apps` lists app versions, `/deployments`
lists and reads deployments. The API makes both from uploads or Git sources, so the emulator's
are seeded through its controls (`POST /_emulator/deployments`, `POST /_emulator/apps`)."""

from __future__ import annotations

from typing import Any, Dict

from kernel import BadRequestError, Kernel, NotFoundError

from conftest import TEAM_ID, TEAM_NAME, Emulator
from support import api_error, ids, walk_pages


def seed(emulator: Emulator, resource: str, **fields: Any) -> Dict[str, Any]:
    answer = emulator.controls.post(f"/{resource}", json=fields)
    answer.raise_for_status()
    return answer.json()


def test_retrieve_a_deployment(client: Kernel, emulator: Emulator) -> None:
    made = seed(
        emulator,
        "deployments",
        env_vars={"TOKEN": "s3cr3t"},
        entrypoint_rel_path="src/index.ts",
        source_type="github",
        source_url="https://github.com/acme/scraper",
        source_ref="main",
    )
    got = client.deployments.retrieve(made["id"])
    assert got.id == made["id"]
    assert got.status == "running"
    assert got.region == "aws.us-east-1a"
    assert got.created_at is not None
    assert got.entrypoint_rel_path == "src/index.ts"
    assert (got.source_type, got.source_ref) == ("github", "main")
    # Values are answered empty to API-key callers; the names are there.
    assert got.env_vars == {"TOKEN": ""}
    api_error(lambda: client.deployments.retrieve("dep_missing"), NotFoundError, 404, "not_found")


def test_list_apps_by_name_and_version(client: Kernel, emulator: Emulator) -> None:
    dep = seed(emulator, "deployments", env_vars={"API_URL": "https://x"})
    made = [
        seed(
            emulator,
            "apps",
            app_name="scraper",
            version=str(v),
            deployment=dep["id"],
            actions=[{"name": "scrape", "input_schema": {"type": "object"}}],
        )["id"]
        for v in range(1, 4)
    ]
    seed(emulator, "apps", app_name="mailer", version="1", deployment=dep["id"])

    assert walk_pages(client.apps.list(app_name="scraper", limit=2)) == [made[0:2], made[2:3]]
    [one] = client.apps.list(app_name="scraper", version="2").items
    assert one.id == made[1]
    assert (one.app_name, one.version, one.deployment) == ("scraper", "2", dep["id"])
    assert [a.name for a in one.actions] == ["scrape"]
    assert one.actions[0].input_schema == {"type": "object"}
    assert one.env_vars == {"API_URL": ""}
    assert one.region == "aws.us-east-1a"
    assert len(client.apps.list(query="MAIL").items) == 1
    assert client.apps.list(app_name="nothing").items == []


def test_list_deployments_by_app(client: Kernel, emulator: Emulator) -> None:
    first = seed(emulator, "deployments", status="stopped")
    second = seed(emulator, "deployments")
    seed(emulator, "apps", app_name="scraper", version="1", deployment=first["id"])
    seed(emulator, "apps", app_name="scraper", version="2", deployment=second["id"])
    assert ids(client.deployments.list(app_name="scraper")) == [first["id"], second["id"]]
    assert ids(client.deployments.list(app_name="scraper", app_version="2")) == [second["id"]]
    assert [d.status for d in client.deployments.list(app_name="scraper")] == [
        "stopped",
        "running",
    ]
    api_error(
        lambda: client.deployments.list(app_version="2"), BadRequestError, 400, "bad_request"
    )


def test_apps_and_deployments_live_in_their_project(make_client, emulator: Emulator) -> None:
    dep = seed(emulator, "deployments", project=TEAM_NAME)
    app = seed(emulator, "apps", project=TEAM_ID, app_name="a", version="1", deployment=dep["id"])
    team = make_client(project=TEAM_NAME)
    assert team.deployments.retrieve(dep["id"]).id == dep["id"]
    assert ids(team.apps.list()) == [app["id"]]
    default = make_client()
    api_error(lambda: default.deployments.retrieve(dep["id"]), NotFoundError, 404, "not_found")
    assert default.apps.list().items == []
