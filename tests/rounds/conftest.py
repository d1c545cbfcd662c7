"""The rounds' tests post partners' updates as published at once (the partnership's
approval setting off), unless a test says otherwise: approval is tested in
tests/actions/test_approval.py, and a round counting an update waiting for it in
test_round_mine.py."""

import pytest


@pytest.fixture(autouse=True)
def publish_directly(request):
    if "needs_approval" not in request.keywords:
        request.getfixturevalue("partners_publish_directly")
