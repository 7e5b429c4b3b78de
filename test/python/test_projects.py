"""Projects through the official client: `/org/projects`, org-wide, addressed by id or name; a
project made here is usable as the client's `project` at once."""

from __future__ import annotations

from kernel import BadRequestError, ConflictError, Kernel, NotFoundError

from support import api_error, ids, walk_pages

from conftest import TEAM_ID, TEAM_NAME


def test_create_retrieve_update_delete(client: Kernel) -> None:
    made = client.projects.create(name="team-a")
    assert made.id and (made.name, made.status) == ("team-a", "active")
    assert made.created_at is not None and made.updated_at is not None

    assert client.projects.retrieve(made.id).name == "team-a"
    assert client.projects.retrieve("team-a").id == made.id

    updated = client.projects.update(made.id, name="team-b", status="archived")
    assert (updated.id, updated.name, updated.status) == (made.id, "team-b", "archived")
    assert client.projects.retrieve("team-b").status == "archived"
    api_error(lambda: client.projects.retrieve("team-a"), NotFoundError, 404, "not_found")

    client.projects.delete("team-b")
    api_error(lambda: client.projects.retrieve(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.projects.delete(made.id), NotFoundError, 404, "not_found")
    api_error(
        lambda: client.projects.update(made.id, name="x"), NotFoundError, 404, "not_found"
    )


def test_a_new_project_scopes_requests_at_once(client: Kernel, make_client) -> None:
    made = client.projects.create(name="team-a")
    scoped = make_client(project="team-a")
    profile = scoped.profiles.create(name="p")
    assert make_client(project_id=made.id).profiles.retrieve("p").id == profile.id
    api_error(lambda: client.profiles.retrieve("p"), NotFoundError, 404, "not_found")


def test_names_are_unique_in_the_org(client: Kernel) -> None:
    client.projects.create(name="team-a")
    err = api_error(lambda: client.projects.create(name="team-a"), ConflictError, 409, "conflict")
    assert err.body["details"][0]["code"] == "existing_id"
    api_error(lambda: client.projects.create(name=TEAM_NAME), ConflictError, 409, "conflict")
    other = client.projects.create(name="team-b")
    api_error(
        lambda: client.projects.update(other.id, name="team-a"), ConflictError, 409, "conflict"
    )
    for bad in ("", "a/b", "100%"):
        api_error(lambda: client.projects.create(name=bad), BadRequestError, 400, "bad_request")


def test_delete_refusals(client: Kernel, make_client) -> None:
    made = client.projects.create(name="team-a")
    make_client(project=made.id).profiles.create(name="keeps-it-busy")
    api_error(lambda: client.projects.delete(made.id), ConflictError, 409, "project_not_empty")
    make_client(project=made.id).profiles.delete("keeps-it-busy")
    client.projects.delete(made.id)

    # With the default project archived, the seeded team project is the last active one.
    client.projects.update("default", status="archived")
    api_error(lambda: client.projects.delete(TEAM_ID), ConflictError, 409, "last_active_project")


def test_list_pages_and_filters(client: Kernel) -> None:
    made = [client.projects.create(name=f"p-{i}").id for i in range(3)]
    every = ["proj_default", TEAM_ID, *made]
    assert walk_pages(client.projects.list(limit=2)) == [every[0:2], every[2:4], every[4:5]]
    assert ids(client.projects.list(name="p-1").items) == [made[1]]
    assert ids(client.projects.list(query="P-").items) == made


def test_limits(client: Kernel) -> None:
    made = client.projects.create(name="team-a")
    limits = client.projects.limits.retrieve(made.id)
    assert (limits.max_concurrent_sessions, limits.max_concurrent_invocations) == (None, None)

    set_ = client.projects.limits.update(
        "team-a", max_concurrent_sessions=5, max_concurrent_invocations=2
    )
    assert (set_.max_concurrent_sessions, set_.max_concurrent_invocations) == (5, 2)
    # 0 removes a cap; a field left out is unchanged.
    cleared = client.projects.limits.update(made.id, max_concurrent_sessions=0)
    assert (cleared.max_concurrent_sessions, cleared.max_concurrent_invocations) == (None, 2)
    assert client.projects.limits.retrieve(made.id).max_concurrent_invocations == 2

    api_error(
        lambda: client.projects.limits.update(made.id, max_pooled_sessions=1),
        BadRequestError,
        400,
        "bad_request",
    )
    api_error(lambda: client.projects.limits.retrieve("nope"), NotFoundError, 404, "not_found")


def test_org_wide_no_project_header(client: Kernel, make_client, emulator) -> None:
    # A client scoped to a project still sees every project of the org.
    team = make_client(project=TEAM_NAME)
    made = team.projects.create(name="team-a")
    assert made.id in ids(client.projects.list().items)
    assert all(entry.get("project") is None for entry in emulator.requests())
