"""The real working-day calendar (chinesecalendar plus the project's override table), loaded once."""

from __future__ import annotations

import pytest

from domain.deadlines.calendar import WorkCalendar
from infra.calendar import load_work_calendar


@pytest.fixture(scope="session")
def real_calendar() -> WorkCalendar:
    return load_work_calendar()
