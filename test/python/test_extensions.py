"""Browser extensions through the official client: `/extensions`, a multipart upload of a ZIP,
addressed by id or name; `checksum` is the SHA-256 of the exact bytes uploaded."""

from __future__ import annotations

import hashlib
import io
import zipfile

from kernel import BadRequestError, ConflictError, Kernel, NotFoundError

from support import api_error, ids, walk_pages


def archive(manifest: str = '{"manifest_version": 3}') -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", manifest)
        z.writestr("content.js", "void 0;\n")
    return out.getvalue()


def test_upload_get_download_delete(client: Kernel) -> None:
    data = archive()
    made = client.extensions.upload(file=("blocker.zip", data, "application/zip"), name="blocker")
    assert made.id and made.name == "blocker" and made.created_at is not None
    assert made.size_bytes == len(data)
    assert made.checksum == hashlib.sha256(data).hexdigest()
    assert made.last_used_at is None

    for ref in (made.id, "blocker"):
        got = client.extensions.get(ref)
        assert (got.id, got.name, got.size_bytes, got.checksum) == (
            made.id,
            "blocker",
            len(data),
            made.checksum,
        )
    assert client.extensions.download(made.id).read() == data

    client.extensions.delete("blocker")
    api_error(lambda: client.extensions.get(made.id), NotFoundError, 404, "not_found")
    api_error(lambda: client.extensions.delete(made.id), NotFoundError, 404, "not_found")


def test_the_form_on_the_wire(client: Kernel, sent) -> None:
    client.extensions.upload(file=("ext.zip", archive(), "application/zip"))
    (upload,) = [r for r in sent.requests if r.method == "POST"]
    assert upload.headers["content-type"].startswith("multipart/form-data; boundary=")


def test_a_nameless_extension_and_names_unique_in_a_project(
    client: Kernel, make_client
) -> None:
    nameless = client.extensions.upload(file=("a.zip", archive(), "application/zip"))
    assert nameless.name is None
    # The same bytes again, without a name: a second extension.
    again = client.extensions.upload(file=("a.zip", archive(), "application/zip"))
    assert again.id != nameless.id and again.checksum == nameless.checksum

    first = client.extensions.upload(file=("a.zip", archive(), "application/zip"), name="taken")
    err = api_error(
        lambda: client.extensions.upload(file=("b.zip", archive("{}"), "application/zip"), name="taken"),
        ConflictError,
        409,
        "conflict",
    )
    assert first.id in str(err.body)
    team = make_client(default_headers={"X-Kernel-Project": "team"})
    assert team.extensions.upload(file=("a.zip", archive(), "application/zip"), name="taken").id
    api_error(lambda: team.extensions.get(first.id), NotFoundError, 404, "not_found")


def test_list_pages_and_filters(client: Kernel) -> None:
    made = [
        client.extensions.upload(file=("e.zip", archive(), "application/zip"), name=f"ext-{i}").id
        for i in range(5)
    ]
    assert walk_pages(client.extensions.list(limit=2)) == [made[0:2], made[2:4], made[4:5]]
    assert ids(client.extensions.list(name="ext-3").items) == [made[3]]
    assert ids(client.extensions.list(query="EXT-1").items) == [made[1]]


def test_bad_uploads(client: Kernel, emulator) -> None:
    api_error(
        lambda: client.extensions.upload(file=("notes.zip", b"plain text", "application/zip")),
        BadRequestError,
        400,
        "bad_request",
    )
    assert emulator.objects("extensions") == []
