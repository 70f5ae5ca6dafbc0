# The production image: web (gunicorn + WhiteNoise), worker and beat all run from it.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"

RUN pip install --no-cache-dir uv \
    && useradd --create-home --uid 1000 clausewatch

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN DEBUG=0 SECRET_KEY=collectstatic-only-$(python -c 'import secrets; print(secrets.token_hex(32))') \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var && chown -R clausewatch /app/var

USER clausewatch
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
