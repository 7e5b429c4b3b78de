"""Assertions the suite shares."""

from __future__ import annotations

from typing import Any, Callable, Iterable, List, Type

import pytest
from kernel import APIStatusError


def api_error(
    call: Callable[[], Any], error: Type[APIStatusError], status: int, code: str
) -> APIStatusError:
    """Runs `call`, which must raise the SDK's `error` for an API error body with `code`."""
    with pytest.raises(error) as caught:
        call()
    err = caught.value
    assert err.status_code == status
    assert isinstance(err.body, dict), err.body
    assert err.body["code"] == code, err.body
    assert isinstance(err.body["message"], str) and err.body["message"]
    return err


def ids(items: Iterable[Any]) -> List[str]:
    return [item.id for item in items]


def walk_pages(first_page: Any) -> List[List[str]]:
    """The ids of each page, following the SDK's own pager (`X-Has-More`, `X-Next-Offset`)."""
    pages = []
    page = first_page
    while True:
        pages.append(ids(page.items))
        if not page.has_next_page():
            return pages
        page = page.get_next_page()
