"""Root fixtures. Fixture modules live in tests/fixtures and are plugged in here."""

pytest_plugins = ["tests.fixtures.databases", "tests.fixtures.temporal"]
