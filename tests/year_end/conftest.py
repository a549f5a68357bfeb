from tests.e2e.conftest import dev_server  # noqa: F401 - the real Temporal dev server (schedules need it)
from tests.workflows.conftest import time_skipping_env  # noqa: F401
