"""docker-compose.yml cannot run here (no Docker engine): check that it is well formed and that it
matches what the native stack uses (same commands, same variables, no secret in the file).

The native stack (``tests/integration/stack.py``) takes its commands from the compose file and
its environment from :func:`~tests.integration.stack.stack_environment`; these tests hold the
two together."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.integration.stack import (
    AIRFLOW_SERVICES,
    NATIVE_ONLY,
    compose_commands,
    compose_environment,
    stack_environment,
)

REPO = Path(__file__).resolve().parents[1]
TEXT = (REPO / "docker-compose.yml").read_text()
COMPOSE = yaml.safe_load(TEXT)
ENV_EXAMPLE = {
    line.split("=", 1)[0]
    for line in (REPO / ".env.example").read_text().splitlines()
    if line and not line.startswith("#")
}
AIRFLOW_BASED = {"airflow-init", *AIRFLOW_SERVICES, "worker"}


def _native_env() -> dict[str, str]:
    return stack_environment(
        Path("/srv/native"),
        airflow_db="postgresql+psycopg2://postgres@127.0.0.1:5001/airflow",
        registry_db="postgresql+psycopg2://postgres@127.0.0.1:5001/registry",
        redis_port=5002,
        api_port=5003,
        smtp_port=5004,
    )


def test_services() -> None:
    assert set(COMPOSE["services"]) == {
        "postgres",
        "registry-db",
        "redis",
        "s3",
        "mail",
        "airflow-init",
        "api-server",
        "scheduler",
        "dag-processor",
        "triggerer",
        "worker",
    }


@pytest.mark.parametrize("name", ["api-server", "scheduler", "dag-processor", "triggerer"])
def test_airflow_services_run_the_airflow_component(name: str) -> None:
    service = COMPOSE["services"][name]
    assert service["command"][:2] == ["airflow", name]
    assert "healthcheck" in service
    assert service["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"


def test_workers_are_celery_workers_with_a_ping_health_check() -> None:
    worker = COMPOSE["services"]["worker"]
    assert worker["command"] == ["airflow", "celery", "worker"]
    assert worker["deploy"]["replicas"] == 2
    assert "localhost:8793" in " ".join(worker["healthcheck"]["test"])
    assert worker["depends_on"]["redis"]["condition"] == "service_healthy"


def test_every_stateful_service_has_a_health_check() -> None:
    for name in ("postgres", "registry-db", "redis", "s3", "mail"):
        assert "healthcheck" in COMPOSE["services"][name], name


def test_airflow_and_the_registry_use_separate_databases() -> None:
    env = COMPOSE["x-airflow"]["environment"]
    assert "@postgres:5432/airflow" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert "@registry-db:5432/hdswatch" in env["HDSWATCH_DB_URL"]


def test_celery_executor_with_redis_and_a_shared_execution_api() -> None:
    env = COMPOSE["x-airflow"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert env["AIRFLOW__CELERY__POOL"] == "solo"
    assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
    assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://api-server:8080/execution/"
    assert env["AIRFLOW__API_AUTH__JWT_SECRET"] == "${AIRFLOW_JWT_SECRET}"


def test_every_airflow_based_service_shares_one_environment() -> None:
    shared = COMPOSE["x-airflow"]["environment"]
    for name in AIRFLOW_BASED:
        assert COMPOSE["services"][name]["environment"] == shared, name


def test_the_native_stack_runs_the_compose_commands() -> None:
    commands = compose_commands()
    assert commands["airflow-init"] == ["bash", "-c", "airflow db migrate && hdswatch db upgrade"]
    for name in AIRFLOW_SERVICES:
        assert commands[name] == ["airflow", name]


def test_the_native_stack_sets_every_compose_variable() -> None:
    native = _native_env()
    compose = compose_environment()
    # boto3 reads an empty AWS_* variable literally: the native stack leaves unused ones unset
    missing = {k for k in compose if k not in native and not k.startswith("AWS_")}
    assert missing == set()
    for name in ("AIRFLOW__CORE__EXECUTOR", "AIRFLOW__CELERY__RESULT_BACKEND"):
        assert native[name].split(":")[0] == compose[name].split(":")[0], name


def test_the_native_stack_adds_only_documented_variables() -> None:
    native = {k for k in _native_env() if k.startswith(("AIRFLOW", "HDSWATCH", "AWS_"))}
    extra = native - set(compose_environment()) - set(NATIVE_ONLY)
    assert extra == set()
    for key in NATIVE_ONLY:
        assert key in _native_env() or key == "HDSWATCH_STACK_NODE", key


def test_the_same_fixed_values_on_both_sides() -> None:
    native, compose = _native_env(), compose_environment()
    for key, value in compose.items():
        if "${" in value or "//" in value or key.endswith(("_HOST", "_PORT", "HOME", "INBOX")):
            continue  # secrets, addresses and folders differ by nature
        assert native[key] == value, key


def test_every_variable_is_in_env_example() -> None:
    used = set(re.findall(r"(?<!\$)\$\{([A-Z0-9_]+)(?::-[^}]*)?\}", TEXT))
    assert used <= ENV_EXAMPLE, used - ENV_EXAMPLE


def test_no_secret_in_the_file() -> None:
    assert not re.search(r"(PASSWORD|SECRET|FERNET_KEY|ACCESS_KEY_ID):\s*[^$\s{]", TEXT)
    for url in re.findall(r"[a-z+]+://[^\s\"']+", TEXT):
        credentials = url.split("://", 1)[1].split("@")[0] if "@" in url else ""
        assert credentials in ("",) or "${" in credentials, url


def test_hdswatch_variables_are_ones_the_settings_read() -> None:
    settings_source = (REPO / "plugins" / "hdswatch" / "settings.py").read_text()
    for key in COMPOSE["x-airflow"]["environment"]:
        if key.startswith("HDSWATCH_"):
            assert f'"{key}"' in settings_source, key


def test_dags_folder_matches_the_repository_layout() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "AIRFLOW__CORE__DAGS_FOLDER=/opt/hdswatch/dags" in dockerfile
    assert (REPO / "dags" / "contract_ingest.py").is_file()


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker client")
def test_docker_compose_config_when_the_client_has_compose(tmp_path: Path) -> None:
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("docker client without the compose plugin")
    env = tmp_path / ".env"
    env.write_text((REPO / ".env.example").read_text())
    result = subprocess.run(
        [
            "docker",
            "compose",
            "--env-file",
            str(env),
            "-f",
            str(REPO / "docker-compose.yml"),
            "config",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
