"""Browser profiles through the official client: `/profiles`, addressed by id or name."""

from __future__ import annotations

from kernel import BadRequestError, ConflictError, Kernel, NotFoundError

from support import api_error, ids, walk_pages


def test_create_retrieve_update_delete(client: Kernel) -> None:
    made = client.profiles.create(name="shopper")
    assert made.id and made.name == "shopper" and made.created_at is not None

    assert client.profiles.retrieve(made.id).name == "shopper"
    assert client.profiles.retrieve("shopper").id == made.id

    renamed = client.profiles.update("shopper", name="buyer")
    assert (renamed.id, renamed.name) == (made.id, "buyer")
    assert client.profiles.retrieve(made.id).name == "buyer"
    api_error(lambda: client.profiles.retrieve("shopper"), NotFoundError, 404, "not_found")

    client.profiles.delete("buyer")
    api_error(lambda: client.profiles.retrieve(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.profiles.delete(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.profiles.update(made.id, name="x"), NotFoundError, 404, "not_found")


def test_a_profile_without_a_name(client: Kernel) -> None:
    made = client.profiles.create()
    assert made.id and made.name is None
    assert client.profiles.retrieve(made.id).id == made.id
    client.profiles.delete(made.id)


def test_names_are_unique_in_a_project(client: Kernel) -> None:
    first = client.profiles.create(name="taken")
    other = client.profiles.create(name="free")
    api_error(lambda: client.profiles.create(name="taken"), ConflictError, 409, "conflict")
    api_error(
        lambda: client.profiles.update(other.id, name="taken"), ConflictError, 409, "conflict"
    )
    # The refused rename changed nothing.
    assert client.profiles.retrieve(other.id).name == "free"
    assert client.profiles.retrieve("taken").id == first.id


def test_list_pages_and_filters(client: Kernel) -> None:
    made = [client.profiles.create(name=f"p-{i}").id for i in range(5)]
    assert walk_pages(client.profiles.list(limit=2)) == [made[0:2], made[2:4], made[4:5]]
    assert ids(client.profiles.list(limit=2)) == made
    assert ids(client.profiles.list(name="p-3").items) == [made[3]]
    assert ids(client.profiles.list(query="P-1").items) == [made[1]]
    assert client.profiles.list(offset=5).items == []


def test_bad_requests(client: Kernel) -> None:
    api_error(lambda: client.profiles.create(name=""), BadRequestError, 400, "bad_request")
    made = client.profiles.create(name="keep")
    api_error(lambda: client.profiles.update(made.id, name=""), BadRequestError, 400, "bad_request")
    api_error(lambda: client.profiles.list(limit=101), BadRequestError, 400, "bad_request")
