"""Each test a server's CPU of its own: AppTest never closes a tab, and a session that played in an earlier
test would count as wanting a turn (budgets/share.py) for a few seconds more."""

import pytest

from curvefit.budgets import share


@pytest.fixture(autouse=True)
def fresh_share(monkeypatch):
    monkeypatch.setattr(share, "SHARE", share.Share(limit=share.SHARE.limit))
