"""The gold-set quality gate: it passes on the pinned floors and guards them against silent lowering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import eval_gate


@pytest.fixture(scope="module")
def scores() -> dict:
    """Scores of the current extractors on the gold dev set (computed once)."""
    return eval_gate.evaluate()


def test_current_extraction_holds_every_pinned_floor(scores: dict) -> None:
    base = json.loads(eval_gate.BASELINE.read_text(encoding="utf-8"))
    assert eval_gate.failures(scores, base["floors"], base["epsilon"]) == []


def test_both_tasks_are_scored_per_language(scores: dict) -> None:
    assert set(scores) == {"figures", "commitments"}
    for task in scores:
        assert set(scores[task]) == {"en", "ru"}
        assert all(set(m) == {"P", "R", "F1"} for m in scores[task].values())


def test_figures_reach_the_project_target_on_the_dev_set(scores: dict) -> None:
    for lang in ("en", "ru"):
        assert scores["figures"][lang]["F1"] >= 0.95


def _write(path: Path, floors: dict) -> Path:
    path.write_text(json.dumps({"epsilon": eval_gate.EPSILON, "floors": floors}), encoding="utf-8")
    return path


def test_gate_fails_when_a_score_is_below_its_floor(tmp_path: Path, scores: dict) -> None:
    floors = eval_gate.pinned(scores)
    floors["figures"]["en"]["F1"] = 1.5  # no extractor can reach it
    baseline = _write(tmp_path / "b.json", floors)
    assert eval_gate.main(["--baseline", str(baseline)]) == 1


def test_small_differences_within_epsilon_pass(scores: dict) -> None:
    floors = eval_gate.pinned(scores)
    floors["figures"]["ru"]["P"] = (scores["figures"]["ru"]["P"] or 0) + eval_gate.EPSILON / 2
    assert eval_gate.failures(scores, floors, eval_gate.EPSILON) == []


def test_update_refuses_to_lower_a_floor_without_allow_regression(tmp_path: Path, scores: dict) -> None:
    floors = eval_gate.pinned(scores)
    floors["commitments"]["ru"]["R"] = 1.5
    baseline = _write(tmp_path / "b.json", floors)
    before = baseline.read_text(encoding="utf-8")
    assert eval_gate.main(["--baseline", str(baseline), "--update"]) == 2
    assert baseline.read_text(encoding="utf-8") == before
    assert eval_gate.main(["--baseline", str(baseline), "--update", "--allow-regression"]) == 0
    repinned = json.loads(baseline.read_text(encoding="utf-8"))["floors"]
    assert repinned["commitments"]["ru"]["R"] <= 1.0


def test_update_raises_floors_to_the_current_scores(tmp_path: Path, scores: dict) -> None:
    baseline = _write(tmp_path / "b.json", {"figures": {"en": {"F1": 0.1}}})
    assert eval_gate.main(["--baseline", str(baseline), "--update"]) == 0
    repinned = json.loads(baseline.read_text(encoding="utf-8"))["floors"]
    assert repinned["figures"]["en"]["F1"] == pytest.approx(scores["figures"]["en"]["F1"], abs=1e-4)
