"""The gold-set quality gate: both gold sets hold their own pinned floors, guarded against silent lowering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import eval_gate


@pytest.fixture(scope="module")
def scores() -> dict:
    """Scores of the current extractors on every gold set (computed once)."""
    return eval_gate.evaluate_sets()


@pytest.fixture(scope="module")
def baseline() -> dict:
    """The pinned baseline of the repository."""
    return json.loads(eval_gate.BASELINE.read_text(encoding="utf-8"))


def test_current_extraction_holds_every_pinned_floor_of_both_sets(scores: dict, baseline: dict) -> None:
    assert eval_gate.failures(scores, eval_gate.set_floors(baseline), baseline["epsilon"]) == []


def test_each_gold_set_has_its_own_floors_for_every_task_and_language(baseline: dict) -> None:
    floors = baseline["floors"]
    assert set(floors) == {"dev", "heldout"}
    for name in ("dev", "heldout"):
        assert set(floors[name]) == {"figures", "commitments"}
        for task in floors[name].values():
            assert set(task) == {"en", "ru"}
            assert all(set(m) == {"P", "R", "F1"} for m in task.values())


def test_both_sets_are_scored_per_task_and_language(scores: dict) -> None:
    assert set(scores) == {"dev", "heldout"}
    for by_task in scores.values():
        assert set(by_task) == {"figures", "commitments"}
        for by_lang in by_task.values():
            assert set(by_lang) == {"en", "ru"}
            assert all(set(m) == {"P", "R", "F1"} for m in by_lang.values())


def test_figures_reach_the_project_target_on_both_sets(scores: dict) -> None:
    for name in ("dev", "heldout"):
        for lang in ("en", "ru"):
            assert scores[name]["figures"][lang]["F1"] >= 0.95, (name, lang)


def _write(path: Path, floors: dict) -> Path:
    path.write_text(json.dumps({"epsilon": eval_gate.EPSILON, "floors": floors}), encoding="utf-8")
    return path


def test_gate_fails_when_a_heldout_score_is_below_its_floor(tmp_path: Path, scores: dict) -> None:
    floors = eval_gate.pinned(scores)
    floors["heldout"]["figures"]["ru"]["F1"] = 1.5  # no extractor can reach it
    baseline = _write(tmp_path / "b.json", floors)
    assert eval_gate.main(["--baseline", str(baseline)]) == 1
    assert eval_gate.main(["--baseline", str(baseline), "--set", "dev"]) == 0  # dev's floors still hold


def test_floors_of_one_set_do_not_apply_to_the_other(scores: dict) -> None:
    floors = eval_gate.pinned(scores)
    floors["dev"]["commitments"]["en"]["R"] = 1.5
    bad = eval_gate.failures(scores, floors, eval_gate.EPSILON)
    assert bad == [
        f"dev commitments en R: {scores['dev']['commitments']['en']['R']:.4f} < floor 1.5000 - 0.002"
    ]


def test_small_differences_within_epsilon_pass(scores: dict) -> None:
    floors = eval_gate.pinned(scores)
    floors["heldout"]["figures"]["ru"]["P"] = (
        scores["heldout"]["figures"]["ru"]["P"] or 0
    ) + eval_gate.EPSILON / 2
    assert eval_gate.failures(scores, floors, eval_gate.EPSILON) == []


def test_a_baseline_pinned_before_sets_holds_the_dev_floors(tmp_path: Path, scores: dict) -> None:
    legacy = eval_gate.pinned(scores["dev"])
    legacy["figures"]["en"]["F1"] = 1.5
    baseline = _write(tmp_path / "b.json", legacy)
    assert eval_gate.main(["--baseline", str(baseline), "--set", "dev"]) == 1
    assert eval_gate.main(["--baseline", str(baseline), "--set", "heldout"]) == 0


def test_update_refuses_to_lower_a_floor_without_allow_regression(tmp_path: Path, scores: dict) -> None:
    floors = eval_gate.pinned(scores)
    floors["heldout"]["commitments"]["ru"]["R"] = 1.5
    baseline = _write(tmp_path / "b.json", floors)
    before = baseline.read_text(encoding="utf-8")
    assert eval_gate.main(["--baseline", str(baseline), "--update", "--set", "heldout"]) == 2
    assert baseline.read_text(encoding="utf-8") == before
    assert (
        eval_gate.main(["--baseline", str(baseline), "--update", "--allow-regression", "--set", "heldout"])
        == 0
    )
    repinned = json.loads(baseline.read_text(encoding="utf-8"))["floors"]
    assert repinned["heldout"]["commitments"]["ru"]["R"] <= 1.0


def test_update_raises_floors_of_the_scored_set_and_keeps_the_others(tmp_path: Path, scores: dict) -> None:
    baseline = _write(
        tmp_path / "b.json", {"dev": {"figures": {"en": {"F1": 0.1}}}, "other": {"x": {"en": {"P": 0.3}}}}
    )
    assert eval_gate.main(["--baseline", str(baseline), "--update", "--set", "dev"]) == 0
    repinned = json.loads(baseline.read_text(encoding="utf-8"))["floors"]
    assert repinned["dev"]["figures"]["en"]["F1"] == pytest.approx(
        scores["dev"]["figures"]["en"]["F1"], abs=1e-4
    )
    assert repinned["other"] == {"x": {"en": {"P": 0.3}}}
    assert "heldout" not in repinned  # only the scored set is pinned


def test_unknown_set_names_are_refused() -> None:
    with pytest.raises(SystemExit):
        eval_gate.main(["--set", "nosuchset"])
