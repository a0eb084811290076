"""detente.ontology: one spaCy-free home for PLOVER types, CAMEO roots, quad classes, Goldstein."""

import subprocess
import sys

from detente import ontology


def test_ontology_imports_without_spacy():
    code = "import sys, detente.ontology; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_lexicon_uses_the_ontologys_values():
    from detente.events import lexicon

    assert lexicon.PLOVER_TYPES == ontology.PLOVER_TYPES
    assert lexicon.GOLDSTEIN == ontology.GOLDSTEIN
    assert lexicon.CONFLICT_TYPES == ontology.CONFLICT_TYPES
    for cameo in ("01", "057", "163", "20", "1999"):
        assert lexicon.quad_class(cameo) == ontology.quad_class(cameo)
        assert lexicon.goldstein(cameo) == ontology.goldstein(cameo)


def test_every_cameo_root_has_a_quad_class_and_a_goldstein_value():
    assert list(ontology.CAMEO_ROOTS) == [f"{n:02d}" for n in range(1, 21)]
    assert [ontology.quad_class(r) for r in ("05", "06", "14", "15")] == [1, 2, 3, 4]
    assert all(r in ontology.GOLDSTEIN for r in ontology.CAMEO_ROOTS)


def test_root_defaults_are_plover_types_of_the_right_polarity():
    assert set(ontology.ROOT_TO_PLOVER) == set(ontology.CAMEO_ROOTS) - {"01"}
    for root, kind in ontology.ROOT_TO_PLOVER.items():
        assert kind in ontology.PLOVER_TYPES
        # cooperation roots give cooperative types, material conflict conflictual ones (10
        # "demand" is a REQUEST in PLOVER, so verbal conflict is not checked)
        if ontology.quad_class(root) in (1, 2) and root != "09":
            assert not ontology.is_conflict(kind), root
        if ontology.quad_class(root) == 4:
            assert ontology.is_conflict(kind), root


def test_modes_come_from_the_lexicon_files():
    modes = ontology.modes()
    assert {"tariff", "recall_ambassador", "visa_ban"} <= modes
    assert all(m == m.lower() and " " not in m for m in modes)
