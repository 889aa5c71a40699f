"""docker-compose.yml cannot run here (no Docker engine): check that it is well formed and that it
matches what the native stack uses (same commands, same variables, no secret in the file)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
ENV_EXAMPLE = {
    line.split("=", 1)[0]
    for line in (REPO / ".env.example").read_text().splitlines()
    if line and not line.startswith("#")
}


def test_services() -> None:
    assert set(COMPOSE["services"]) == {
        "postgres",
        "registry-db",
        "mail",
        "airflow-init",
        "api-server",
        "scheduler",
        "dag-processor",
        "triggerer",
    }


@pytest.mark.parametrize("name", ["api-server", "scheduler", "dag-processor", "triggerer"])
def test_airflow_services_run_the_airflow_component(name: str) -> None:
    service = COMPOSE["services"][name]
    assert service["command"][:2] == ["airflow", name]
    assert "healthcheck" in service
    assert service["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"


def test_every_variable_is_in_env_example() -> None:
    text = (REPO / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{([A-Z0-9_]+)\}", text))
    assert used <= ENV_EXAMPLE, used - ENV_EXAMPLE


def test_no_secret_in_the_file() -> None:
    text = (REPO / "docker-compose.yml").read_text()
    assert not re.search(r"(PASSWORD|SECRET|FERNET_KEY):\s*[^$\s{]", text)


def test_hdswatch_variables_are_ones_the_settings_read() -> None:
    settings_source = (REPO / "plugins" / "hdswatch" / "settings.py").read_text()
    env = COMPOSE["services"]["scheduler"]["environment"]
    for key in env:
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
