"""Fixtures for the gazetteer tests: the packaged tables, loaded once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def actors():
    from newsfusion.gazetteer import load_actors

    return load_actors()


@pytest.fixture(scope="session")
def places():
    from newsfusion.gazetteer import load_places

    return load_places()


@pytest.fixture(scope="session")
def countries():
    from newsfusion.gazetteer.countries import country_table

    return country_table()
