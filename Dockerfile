# syntax=docker/dockerfile:1
# One image for every zhifa process (api, worker, migrate, temporal setup, recover, platform): the command is the
# `zhifa` subcommand. Secrets (database passwords, JWT keys, payload keys) are never baked in: compose mounts them
# under /run/secrets and the ZHIFA_*_FILE variables name them.
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm

# --- build: the application and its pinned dependency set into a venv ------------------------------------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/zhifa
WORKDIR /src
COPY constraints.txt pyproject.toml README.md ./
COPY domain ./domain
COPY workflows ./workflows
COPY infra ./infra
COPY api ./api
COPY zhifa ./zhifa
# The same pins as `make test` and `make run` (constraints.txt); a dependency outside them fails the build.
RUN /opt/zhifa/bin/pip install -c constraints.txt . && /opt/zhifa/bin/zhifa --help > /dev/null

# --- runtime: the venv, CJK fonts for the reports' charts, an unprivileged user -------------------------------
FROM ${PYTHON_IMAGE} AS runtime
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk fontconfig \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --create-home --home-dir /home/zhifa zhifa \
    && mkdir -p /var/lib/zhifa && chown zhifa:zhifa /var/lib/zhifa
COPY --from=build /opt/zhifa /opt/zhifa
ENV PATH=/opt/zhifa/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    ZHIFA_ENV=production \
    ZHIFA_DATA_DIR=/var/lib/zhifa \
    ZHIFA_API_HOST=0.0.0.0 \
    ZHIFA_API_PORT=8000
USER zhifa
WORKDIR /var/lib/zhifa
EXPOSE 8000 8300
ENTRYPOINT ["zhifa"]
CMD ["--help"]
