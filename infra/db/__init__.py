"""The database layer: one SQLAlchemy 2 model set for SQLite (aiosqlite) and PostgreSQL (asyncpg).

Dialect differences (connection pragmas, URL drivers, column variants, role grants) live in this package only."""
