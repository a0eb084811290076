"""Packaging: the wheel and sdist carry everything `detente run` needs, and the installed wheel
works with no repository on the path.

The build runs offline (`--no-isolation`, setuptools from the dev extra). The wheel goes into a
fresh venv made without pip; a `.pth` line lends it this venv's site-packages for its
dependencies only (a path in a `.pth` file adds no editable finder of this work tree), and pip
installs the wheel itself with `--no-deps --no-index`. The commands then run from a temporary
folder, so every data file, template and sample they read must come from the wheel.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from builders import REPO

pytestmark = pytest.mark.slow

ROOT = REPO
# What the build reads; copied so that building leaves nothing (egg-info, build/) in the tree.
BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "NOTICE", "LICENSES", "detente")
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.duckdb", "*.duckdb.wal", ".DS_Store")


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "DETENTE_", "VIRTUAL_ENV", "COV_CORE"))}
    env.update(PYTHONNOUSERSITE="1", PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def _package_files(top: Path) -> set[str]:
    """Files under detente/ that an installed package must have (sources, data, assets)."""
    found = set()
    for path in (top / "detente").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc" \
                and not path.name.endswith((".duckdb", ".duckdb.wal")) and path.name != ".DS_Store":
            found.add(path.relative_to(top).as_posix())
    return found


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("build")
    src = work / "src"
    src.mkdir()
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=JUNK)
        else:
            shutil.copy2(path, src / name)
    out = work / "dist"
    # Without --sdist/--wheel, build makes the sdist and then the wheel *from the sdist*, so the
    # wheel's contents also prove the sdist complete.
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(src)],
        capture_output=True, text=True, env=_clean_env(), timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = out.glob("detente-*.whl")
    (sdist,) = out.glob("detente-*.tar.gz")
    return {"src": src, "wheel": wheel, "sdist": sdist}


def test_wheel_carries_every_package_file_and_the_notices(dist):
    names = set(zipfile.ZipFile(dist["wheel"]).namelist())
    missing = _package_files(dist["src"]) - names
    assert not missing, f"files under detente/ not in the wheel: {sorted(missing)[:20]}"
    # the data `detente run` reads
    assert any(n.startswith("detente/data/sample/") for n in names)
    assert any(n.startswith("detente/data/lexicon/") for n in names)
    assert any(n.startswith("detente/server/templates/") for n in names)
    assert any(n.startswith("detente/server/static/") for n in names)
    licences = {n.split("/licenses/", 1)[1] for n in names if "/licenses/" in n}
    assert {"LICENSE", "NOTICE", "LICENSES/PETRARCH2-MIT.txt",
            "LICENSES/UniversalPetrarch-MIT.txt", "LICENSES/GPL-3.0.txt"} <= licences


def test_sdist_carries_every_package_file_and_the_notices(dist):
    with tarfile.open(dist["sdist"]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    missing = _package_files(dist["src"]) - names
    assert not missing, f"files under detente/ not in the sdist: {sorted(missing)[:20]}"
    assert {"LICENSE", "NOTICE", "pyproject.toml", "README.md"} <= names


def test_wheel_metadata_declares_licence_version_and_ranges(dist):
    wheel = zipfile.ZipFile(dist["wheel"])
    (meta_name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    meta = wheel.read(meta_name).decode()
    assert "License-Expression: MIT" in meta
    source_version = re.search(r'^__version__ = "([^"]+)"',
                               (ROOT / "detente" / "__init__.py").read_text(), re.M)
    assert source_version and f"\nVersion: {source_version[1]}\n" in meta
    requires = [line for line in meta.splitlines() if line.startswith("Requires-Dist: pandas")]
    assert requires and "<3" in requires[0], requires
    entry_points = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    assert "detente = detente.cli:main" in wheel.read(entry_points[0]).decode()


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Path:
    """A venv holding only the wheel; dependencies lent from this venv's site-packages."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True).stdout.strip())
    (target / "_detente_test_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", str(dist["wheel"])],
        capture_output=True, text=True, env=_clean_env(), timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return venv


def _run(venv: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "detente"), *args], cwd=cwd, capture_output=True,
                          text=True, env=_clean_env(), timeout=600)


def test_installed_wheel_is_imported_from_its_venv_not_the_work_tree(installed, tmp_path):
    probe = subprocess.run(
        [str(installed / "bin" / "python"), "-c",
         "import detente, importlib.metadata as m; print(detente.__file__); print(m.version('detente'))"],
        cwd=tmp_path, capture_output=True, text=True, env=_clean_env(), check=True)
    module_file, version = probe.stdout.split()
    assert Path(module_file).is_relative_to(installed), module_file
    assert not Path(module_file).is_relative_to(ROOT)
    result = _run(installed, ["--version"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"detente {version}"


def test_installed_wheel_runs_the_sample_job(installed, tmp_path):
    result = _run(installed, ["run", "--out", "out"], tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (tmp_path / "out" / "detente.duckdb").is_file()
    briefs = [p for p in (tmp_path / "out").iterdir() if p.name.startswith("brief")]
    assert briefs, f"no briefing written: {sorted(p.name for p in (tmp_path / 'out').iterdir())}"
    # the sample corpus came from the wheel: documents were stored and events coded
    events = _run(installed, ["events", "--db", "out/detente.duckdb", "--format", "jsonl"], tmp_path)
    assert events.returncode == 0, events.stderr
    assert [json.loads(line) for line in events.stdout.splitlines() if line.strip()]


def test_installed_wheel_extracts_events_from_a_file(installed, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Chile recalls ambassador from Peru\n\n"
        "SANTIAGO, March 18, 2025 — Chile recalled its ambassador from Peru on Tuesday after "
        "Lima imposed new tariffs on Chilean fruit. The Chilean foreign minister condemned the "
        "Peruvian government's decision and said Santiago would consider retaliatory measures.\n",
        encoding="utf-8")
    result = _run(installed, ["extract", str(article), "--format", "jsonl"], tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    countries = {(e["actor"]["country"], e["recipient"]["country"]) for e in events}
    assert ("CHL", "PER") in countries, events
