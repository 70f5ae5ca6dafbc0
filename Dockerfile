# The production image: web (gunicorn + WhiteNoise), worker and beat all run from it.

# Build stage: the dependencies, then the project itself, whose build compiles the extractor
# with mypyc (setup.py) and so needs a C compiler that the image to run does not.
FROM python:3.12-slim-bookworm AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_LINK_MODE=copy

RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN uv sync --frozen --no-dev && rm -rf build

FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:$PATH"

RUN useradd --create-home --uid 1000 clausewatch

WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
RUN DEBUG=0 SECRET_KEY=collectstatic-only-$(python -c 'import secrets; print(secrets.token_hex(32))') \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var && chown -R clausewatch /app/var

USER clausewatch
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
