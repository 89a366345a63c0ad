"""The pre-commit hooks (.pre-commit-config.yaml): pinned as requirements.txt pins them, and the
notebook cleaner keeps what the course stores (outputs, tags, slide types) while refusing what
it must not (editor metadata, empty cells)."""

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = {
    hook["id"]: hook
    for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
    for hook in repo["hooks"]
}


def pinned_requirements():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def test_every_hook_is_pinned_as_requirements_txt_pins_it():
    pins = pinned_requirements()
    assert set(HOOKS) == {"ruff-check", "ruff-format", "nb-clean"}
    for hook_id, hook in HOOKS.items():
        for dependency in hook["additional_dependencies"]:
            name, version = dependency.split("==")
            assert pins.get(name) == version, (
                f"hook {hook_id} installs {dependency}, requirements.txt pins {name}=={pins.get(name)}"
            )


def nb_clean_check(paths):
    """The nb-clean hook's own command line, with `check` for `clean`: what the hook would change."""
    words = shlex.split(HOOKS["nb-clean"]["entry"])
    assert words[:2] == ["nb-clean", "clean"]
    program = shutil.which("nb-clean", path=str(Path(sys.executable).parent)) or shutil.which(
        "nb-clean"
    )
    assert program, "nb-clean is not installed (it is in requirements.txt)"
    return subprocess.run(
        [program, "check", *words[2:], *map(str, paths)], capture_output=True, text=True
    )


def test_the_stored_notebooks_are_clean():
    result = nb_clean_check(sorted((ROOT / "notebooks").glob("*.ipynb")))
    assert result.returncode == 0, "run `.venv/bin/pre-commit run nb-clean --all-files`:\n" + (
        result.stdout + result.stderr
    )


@pytest.mark.parametrize(
    "spoil, found",
    [
        (lambda cell, nb: cell["metadata"].update(collapsed=True), "metadata"),
        (lambda cell, nb: cell["metadata"].update(ExecuteTime={"end_time": "now"}), "metadata"),
        (
            lambda cell, nb: nb["cells"].append(
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "id": "empty",
                    "metadata": {},
                    "outputs": [],
                    "source": [],
                }
            ),
            "empty",
        ),
    ],
    ids=["collapsed", "execute-time", "empty-cell"],
)
def test_the_cleaner_refuses_what_must_not_be_stored(tmp_path, spoil, found):
    nb = json.loads((ROOT / "notebooks" / "01-derivative.ipynb").read_text(encoding="utf-8"))
    code = next(cell for cell in nb["cells"] if cell["cell_type"] == "code" and cell["outputs"])
    spoil(code, nb)
    path = tmp_path / "spoilt.ipynb"
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    result = nb_clean_check([path])
    assert result.returncode != 0 and found in (result.stdout + result.stderr).lower()
