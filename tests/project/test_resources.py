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


def test_no_hand_written_data_file_names_a_key_twice():
    # YAML keeps the last of two equal keys without a word: a new table named like an old one
    # would silently replace it (and every rule reading the old one)
    import yaml

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        assert not twice, f"{node.start_mark.name}:{node.start_mark.line + 1}: keys given twice: {twice}"
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    for folder in ("words", "lexicon", "actors"):
        for file in sorted((resources.PACKAGE_DATA / folder).glob("*.yaml")):
            if file.stat().st_size < 2_000_000:
                yaml.load(file.read_text(encoding="utf-8"), Loader=Strict)
