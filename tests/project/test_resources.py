"""The data registry: every package data file is registered, parsed once, and named errors."""

from __future__ import annotations

import pytest

from detente import resources


def _registered(relative: str) -> bool:
    return relative in resources.MANIFEST or any(
        relative.startswith(folder) for folder in resources.MANIFEST if folder.endswith("/"))


def test_every_package_data_file_is_in_the_manifest():
    files = [p.relative_to(resources.PACKAGE_DATA).as_posix() for p in resources.PACKAGE_DATA.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    missing = [f for f in files if not _registered(f)]
    assert not missing, f"data files missing from detente.resources.MANIFEST: {missing}"


def test_every_manifest_entry_exists():
    assert [name for name in resources.MANIFEST if not (resources.PACKAGE_DATA / name).exists()] == []


def test_a_data_file_is_parsed_once_per_process():
    assert resources.words("modality") is resources.words("modality")


def test_an_unregistered_name_is_a_clear_error():
    with pytest.raises(KeyError, match="not a registered data file"):
        resources.path("nonsense.yaml")


def test_word_tables_are_lists_or_mappings_of_words():
    for file in sorted((resources.PACKAGE_DATA / "words").glob("*.yaml")):
        tables = resources.words(file.stem)
        assert tables, file
        for name, table in tables.items():
            assert isinstance(table, (list, dict)), (file.name, name)
            words = table if isinstance(table, list) else list(table)
            assert all(isinstance(w, str) and w for w in words), (file.name, name)
