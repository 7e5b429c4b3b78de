"""Credentials through the official client: `/credentials`, addressed by id or name."""

from __future__ import annotations

from kernel import BadRequestError, ConflictError, Kernel, NotFoundError

from support import api_error, ids, walk_pages

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_create_retrieve_update_delete(client: Kernel) -> None:
    made = client.credentials.create(
        name="netflix",
        domain="netflix.com",
        values={"username": "me@example.com", "password": "hunter2-value"},
        sso_provider="google",
    )
    assert made.id and (made.name, made.domain, made.sso_provider) == (
        "netflix",
        "netflix.com",
        "google",
    )
    assert made.has_values is True and made.has_totp_secret is False
    assert sorted(made.value_keys or []) == ["password", "username"]
    assert made.totp_code is None
    assert "hunter2-value" not in made.to_json()

    by_name = client.credentials.retrieve("netflix")
    assert by_name.id == made.id and sorted(by_name.value_keys or []) == ["password", "username"]

    # Values merge: removals first, then new keys added and existing ones overwritten.
    updated = client.credentials.update(
        made.id,
        values={"password": "new", "otp_email": "x"},
        remove_value_keys=["username"],
        sso_provider=None,
    )
    assert sorted(updated.value_keys or []) == ["otp_email", "password"]
    assert updated.sso_provider is None

    renamed = client.credentials.update("netflix", name="netflix-2")
    assert renamed.id == made.id and renamed.name == "netflix-2"
    api_error(lambda: client.credentials.retrieve("netflix"), NotFoundError, 404, "not_found")

    client.credentials.delete("netflix-2")
    api_error(lambda: client.credentials.retrieve(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.credentials.delete(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.credentials.update(made.id, name="x"), NotFoundError, 404, "not_found")


def test_totp_code_only_when_the_secret_is_set(client: Kernel) -> None:
    made = client.credentials.create(
        name="c", domain="a.com", values={"u": "v"}, totp_secret=SECRET
    )
    assert made.has_totp_secret is True
    assert made.totp_code is not None and len(made.totp_code) == 6 and made.totp_code.isdigit()
    assert made.totp_code_expires_at is not None
    assert SECRET not in made.to_json()
    assert client.credentials.retrieve(made.id).totp_code is None
    assert client.credentials.update(made.id, name="c2").totp_code is None
    cleared = client.credentials.update(made.id, totp_secret="")
    assert cleared.has_totp_secret is False and cleared.totp_code is None


def test_totp_settings(client: Kernel) -> None:
    # kernel 0.113-0.118: algorithm, digits and period, SHA1/6/30 when absent.
    plain = client.credentials.create(name="plain", domain="a.com", values={}, totp_secret=SECRET)
    assert (plain.totp_algorithm, plain.totp_digits, plain.totp_period) == ("SHA1", 6, 30)

    made = client.credentials.create(
        name="c",
        domain="a.com",
        values={"u": "v"},
        totp_secret=SECRET,
        totp_algorithm="SHA256",
        totp_digits=8,
        totp_period=60,
    )
    assert (made.totp_algorithm, made.totp_digits, made.totp_period) == ("SHA256", 8, 60)
    assert made.totp_code is not None and len(made.totp_code) == 8
    got = client.credentials.retrieve(made.id)
    assert (got.totp_algorithm, got.totp_digits, got.totp_period) == ("SHA256", 8, 60)

    # Rotating a raw secret keeps the settings left out.
    rotated = client.credentials.update(made.id, totp_secret=SECRET[::-1], totp_digits=7)
    assert (rotated.totp_algorithm, rotated.totp_digits, rotated.totp_period) == ("SHA256", 7, 60)
    # An otpauth URI's parameters win; the ones it lacks default to SHA1/6/30.
    uri = client.credentials.update(
        made.id,
        totp_secret=f"otpauth://totp/Example:me?secret={SECRET}&digits=8",
        totp_period=45,
    )
    assert (uri.totp_algorithm, uri.totp_digits, uri.totp_period) == ("SHA1", 8, 45)

    # The settings need the secret in the same request.
    api_error(
        lambda: client.credentials.update(made.id, totp_digits=6),
        BadRequestError,
        400,
        "bad_request",
    )
    # Removing the secret removes its settings.
    cleared = client.credentials.update(made.id, totp_secret="")
    assert (cleared.totp_algorithm, cleared.totp_digits, cleared.totp_period) == (None, None, None)
    api_error(
        lambda: client.credentials.create(
            name="bad",
            domain="a.com",
            values={},
            totp_secret=SECRET,
            totp_algorithm="MD5",  # type: ignore[arg-type]
        ),
        BadRequestError,
        400,
        "bad_request",
    )


def test_names_are_unique_in_a_project(client: Kernel) -> None:
    client.credentials.create(name="taken", domain="a.com", values={"u": "v"})
    other = client.credentials.create(name="free", domain="a.com", values={"u": "v"})
    api_error(
        lambda: client.credentials.create(name="taken", domain="b.com", values={"u": "v"}),
        ConflictError,
        409,
        "conflict",
    )
    api_error(
        lambda: client.credentials.update(other.id, name="taken"), ConflictError, 409, "conflict"
    )
    assert client.credentials.retrieve(other.id).name == "free"


def test_list_pages_filters_and_omits_value_keys(client: Kernel) -> None:
    made = [
        client.credentials.create(
            name=f"c-{i}", domain="b.com" if i == 2 else "a.com", values={"u": "v"}
        ).id
        for i in range(5)
    ]
    assert walk_pages(client.credentials.list(limit=2)) == [made[0:2], made[2:4], made[4:5]]
    listed = list(client.credentials.list(limit=2))
    assert ids(listed) == made
    assert all(c.value_keys is None and c.has_values is True for c in listed)
    assert ids(client.credentials.list(domain="B.COM").items) == [made[2]]
    assert ids(client.credentials.list(query="c-4").items) == [made[4]]


def test_bad_requests(client: Kernel) -> None:
    api_error(
        lambda: client.credentials.create(name="x", domain="", values={"u": "v"}),
        BadRequestError,
        400,
        "bad_request",
    )
    api_error(
        lambda: client.credentials.create(name="x", domain="a.com", values={"u": 1}),  # type: ignore[dict-item]
        BadRequestError,
        400,
        "bad_request",
    )
    made = client.credentials.create(name="y", domain="a.com", values={"u": "v"})
    api_error(
        lambda: client.credentials.update(made.id, name=""), BadRequestError, 400, "bad_request"
    )
