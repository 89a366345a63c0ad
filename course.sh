#!/usr/bin/env bash
# The course in one command.
#
#   bash course.sh lab        set everything up, then open the notebooks in JupyterLab
#   bash course.sh test       set everything up, then run every test (lint, unit, notebooks, browser)
#   bash course.sh notebooks  re-execute notebooks from a fresh kernel and store them
#                             (all of notebooks/*.ipynb, or the paths given after it)
#   bash course.sh solutions  the instructor's copy: every exercise solved, executed (build/solved/)
#   bash course.sh bench      the engine's and the widgets' benchmarks (benchmarks/bench.py)
#   bash course.sh slides     static reveal.js slides of every notebook, offline (build/slides/)
#   bash course.sh site       the course as a static web site (build/site/index.html)
#   bash course.sh loadtest   a JupyterHub on 127.0.0.1 with 30 simulated students (hub/README.md)
#   bash course.sh loadtest-classview  300 students posting check verdicts to the class view
#   bash course.sh test-ipywidgets7  the widget, exercise and notebook tests with ipywidgets 7.7 (as on Colab)
#   bash course.sh links [URL]  write every link to the course (Binder, Colab, hub, install cells)
#                             from its address in pyproject.toml; with a URL, set that address first
#   bash course.sh setup      only the setup
#
# Setup is idempotent and takes about a second when already done: it installs the
# system programs the course needs if they are missing (Graphviz `dot`; Chromium, git and
# npm for `test`, npm for `slides` and `site`), creates .venv, and runs `pip install -r requirements.txt -e .` only when
# requirements.txt or pyproject.toml changed since the last install.
#
# Environment: LAB_IP (default 127.0.0.1), LAB_PORT (default 8888), WITH_TORCH=1 (also
# install PyTorch, the independent reference some tests compare against), PYTHON (the
# interpreter to build .venv from, default python3), CHROMIUM (a Chromium executable).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
VENV=$ROOT/.venv
PYTHON=${PYTHON:-python3}
TORCH_VERSION=2.13.0
STAMP=$VENV/.course-install-stamp

say() { printf '%s\n' "$*"; }
die() { printf '\ncourse.sh: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

APT_UPDATED=0
apt_install() {  # apt_install PACKAGE...  (only called as root)
    command -v apt-get >/dev/null || return 1
    export DEBIAN_FRONTEND=noninteractive
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    apt-get install -y -qq --no-install-recommends "$@"
}

# ---------------------------------------------------------------- system programs

need_graphviz() {
    command -v dot >/dev/null && return 0
    say "Graphviz (the \`dot\` program that draws the graphs) is missing."
    if is_root && command -v apt-get >/dev/null; then
        say "Installing it: apt-get install -y graphviz ..."
        apt_install graphviz && command -v dot >/dev/null && return 0
    fi
    die "the course needs Graphviz's \`dot\` program to draw computation graphs.
Install it with one of these, then run this command again:
    Debian/Ubuntu:  sudo apt-get install -y graphviz
    macOS:          brew install graphviz
    conda:          conda install -c conda-forge graphviz"
}

need_chromium() {  # the browser tests drive a real Chromium; exports CHROMIUM for them
    if [ -n "${CHROMIUM:-}" ]; then
        [ -x "$CHROMIUM" ] || die "CHROMIUM=$CHROMIUM is not an executable file."
        export CHROMIUM
        return 0
    fi
    if ! command -v chromium >/dev/null; then
        say "Chromium (for the browser tests) is missing."
        is_root && command -v apt-get >/dev/null && say "Installing it: apt-get install -y chromium ..."
        if ! { is_root && apt_install chromium && command -v chromium >/dev/null; }; then
            die "the browser tests need Chromium. Install it and run this command again:
    Debian:         sudo apt-get install -y chromium
or install Chromium any other way and point the tests at it:
    CHROMIUM=/path/to/chromium bash course.sh test"
        fi
    fi
    CHROMIUM=$(command -v chromium)
    export CHROMIUM
    need_libatomic
}

need_libatomic() {  # Playwright drives the browser through its own bundled node, which links libatomic.so.1
    [ "$(uname -s)" = Linux ] || return 0
    ldconfig -p 2>/dev/null | grep 'libatomic\.so\.1 ' >/dev/null && return 0
    say "libatomic1 (a library the browser tests' Playwright driver needs) is missing."
    if is_root && command -v apt-get >/dev/null; then
        say "Installing it: apt-get install -y libatomic1 ..."
        apt_install libatomic1 && ldconfig -p | grep 'libatomic\.so\.1 ' >/dev/null && return 0
    fi
    die "the browser tests' Playwright driver needs the libatomic.so.1 library. Install it and run again:
    Debian/Ubuntu:  sudo apt-get install -y libatomic1"
}

need_git() {  # the lint phase runs the pre-commit hooks, and pre-commit needs git
    command -v git >/dev/null && return 0
    say "git (which the lint phase's pre-commit needs) is missing."
    if is_root && command -v apt-get >/dev/null; then
        say "Installing it: apt-get install -y git ..."
        apt_install git && command -v git >/dev/null && return 0
    fi
    die "the tests need git (for pre-commit). Install it and run this command again:
    Debian/Ubuntu:  sudo apt-get install -y git
    macOS:          xcode-select --install"
}

need_npm() {  # the slides and the site fetch reveal.js and MathJax from the npm registry
    command -v npm >/dev/null && return 0
    say "npm (to fetch reveal.js and MathJax for the slides and the site) is missing; installing it ..."
    if is_root && apt_install npm && command -v npm >/dev/null; then
        return 0
    fi
    die "the slides and the site need npm to fetch reveal.js and MathJax. Install it and run again:
    Debian/Ubuntu:  sudo apt-get install -y npm
    macOS:          brew install node"
}

need_python() {
    command -v "$PYTHON" >/dev/null ||
        die "no \`$PYTHON\` found. The course needs Python 3.10 or newer (3.11 recommended);
install it, or name it with PYTHON=/path/to/python3 bash course.sh ..."
    local version
    version=$("$PYTHON" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null) || true
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null ||
        die "the course needs Python 3.10 or newer, but \`$PYTHON\` is ${version:-not a working Python}.
Install a newer Python and run again, or name it: PYTHON=python3.11 bash course.sh ..."
    if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
        # Debian and Ubuntu ship `python3 -m venv` in a separate package
        say "Python's venv module is missing (Debian and Ubuntu package it as python3-venv)."
        if ! { is_root && apt_install python3-venv && "$PYTHON" -c 'import ensurepip, venv'; }; then
            die "\`$PYTHON -m venv\` is not available. On Debian/Ubuntu install it with
    sudo apt-get install -y python3-venv
and run this command again."
        fi
    fi
}

# ---------------------------------------------------------------- the virtual environment

install_hash() {  # what the installed packages depend on
    cat requirements.txt pyproject.toml |
        "$VENV/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'
}

need_venv() {
    need_python
    if [ -e "$VENV" ] && ! "$VENV/bin/python" -c '' 2>/dev/null; then
        say "$VENV is broken (was its Python moved or removed?); making a new one ..."
        rm -rf "$VENV"
    fi
    if [ ! -e "$VENV" ]; then
        say "Creating the virtual environment .venv with $("$PYTHON" -V 2>&1) ..."
        "$PYTHON" -m venv "$VENV"
    fi
    local want have=""
    want=$(install_hash)
    [ -f "$STAMP" ] && have=$(cat "$STAMP")
    if [ "$want" != "$have" ]; then
        say "Installing the course's Python packages into .venv (the first time takes a few minutes) ..."
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements.txt -e .
        printf '%s\n' "$want" >"$STAMP"
    fi
    if [ "${WITH_TORCH:-0}" = 1 ] && ! "$VENV/bin/python" -c '
import importlib.metadata as m, sys
sys.exit(not m.version("torch").startswith(sys.argv[1]))' "$TORCH_VERSION" 2>/dev/null; then
        say "WITH_TORCH=1: installing torch==$TORCH_VERSION (the reference for gradient tests) ..."
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check "torch==$TORCH_VERSION"
    fi
    # the course's JupyterLab defaults (no news prompt, no update check), where JupyterLab
    # reads a package's defaults; Binder's postBuild and the hub's configuration do the same
    local overrides=$VENV/share/jupyter/lab/settings/overrides.d
    if ! cmp -s jupyter-config/lab-overrides.json "$overrides/autograd-lesson.json"; then
        mkdir -p "$overrides"
        cp jupyter-config/lab-overrides.json "$overrides/autograd-lesson.json"
    fi
    export VIRTUAL_ENV=$VENV
    export PATH=$VENV/bin:$PATH
}

# ---------------------------------------------------------------- timed phases

SUMMARY=()
FAILED=0
STARTED=$EPOCHREALTIME
run_phase() {  # run_phase NAME COMMAND...
    local name=$1 start rc=0 secs status
    shift
    say ""
    say "== phase: $name  ($*)"
    start=$EPOCHREALTIME
    "$@" || rc=$?
    secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
    if [ "$rc" = 0 ]; then status=passed; else status="FAILED (exit $rc)"; FAILED=1; fi
    say "== phase: $name ... $secs s, $status"
    SUMMARY+=("$(printf '  %-14s %7s s   %s' "$name" "$secs" "$status")")
}

print_summary() {
    say ""
    say "== summary"
    local line
    for line in "${SUMMARY[@]}"; do say "$line"; done
    say "$(printf '  %-14s %7s s   (setup included)' total \
        "$(awk -v a="$STARTED" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')")"
}

# ---------------------------------------------------------------- commands

seconds_since_start() {
    awk -v a="$STARTED" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }'
}

cmd_lab() {
    need_graphviz
    need_venv
    local ip=${LAB_IP:-127.0.0.1} port=${LAB_PORT:-8888}
    say ""
    say "Set-up took $(seconds_since_start) s."
    say "Starting JupyterLab on $ip:$port with the notebooks in notebooks/."
    say "Open the URL with the token that JupyterLab prints below (Ctrl-C stops it)."
    say "On a remote machine, first make a tunnel from your own computer:"
    say "    ssh -N -L $port:127.0.0.1:$port $(id -un)@$(hostname -f 2>/dev/null || hostname)"
    say "then open the http://127.0.0.1:$port/lab?token=... URL in your browser."
    say "(If JupyterLab reports that it chose another port, use that port instead.)"
    say ""
    exec "$VENV/bin/jupyter" lab --no-browser --allow-root --ip="$ip" --port="$port" \
        --ServerApp.root_dir="$ROOT/notebooks"
}

lint() {  # ruff (lint and format) and the notebook cleaner: the pre-commit hooks, on every file
    if ! git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        say "This is not a git checkout, which pre-commit needs: running ruff alone."
        ruff check . && ruff format --check .
        return
    fi
    pre-commit run --all-files --show-diff-on-failure --color never
}

cmd_test() {
    need_git
    need_graphviz
    need_chromium
    need_npm
    need_venv
    need_hub_packages  # the class view's tests (tests/test_classview*.py) run its service
    run_phase "lint" lint
    run_phase "unit tests" pytest tests/ --ignore=tests/browser -q
    run_phase "notebooks" pytest --nbval notebooks/ --nbval-current-env \
        --nbval-sanitize-with tests/sanitize.cfg -q -p no:cacheprovider
    run_phase "browser" pytest tests/browser -q
    print_summary
    if [ "$FAILED" = 1 ]; then
        say "Some phases failed; see their output above."
        exit 1
    fi
    say "All phases passed."
}

cmd_notebooks() {
    need_graphviz
    need_venv
    exec "$VENV/bin/python" -m tools.run_notebooks "$@"
}

cmd_solutions() {
    need_graphviz
    need_venv
    exec "$VENV/bin/python" -m tools.solved_notebooks "$@"
}

cmd_bench() {
    need_venv
    [ -f benchmarks/bench.py ] || die "benchmarks/bench.py does not exist yet."
    exec "$VENV/bin/python" -m benchmarks.bench "$@"
}

cmd_slides() {
    need_npm
    need_venv
    exec "$VENV/bin/python" -m tools.build_slides "$@"
}

cmd_site() {
    need_npm
    need_venv
    exec "$VENV/bin/python" -m tools.build_site "$@"
}

need_hub_packages() {  # hub/requirements.txt on top of the course's (it upgrades none of its pins)
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r hub/requirements.txt
}

cmd_loadtest() {  # not part of `test` or CI: a few minutes of both cores
    need_graphviz
    need_npm
    need_chromium  # the instructor's class view, open during the class
    need_venv
    command -v git >/dev/null || die "the load test needs git (apt-get install -y git)."
    command -v openssl >/dev/null || die "the load test needs openssl (apt-get install -y openssl)."
    need_hub_packages
    exec "$VENV/bin/python" hub/loadtest.py "$@"
}

cmd_loadtest_classview() {  # not part of `test` or CI: 300 students posting, about 2 minutes
    need_npm
    need_venv
    need_hub_packages
    exec "$VENV/bin/python" hub/classview_load.py "$@"
}

# Google Colab ships ipywidgets 7.7.1 (and supports only the core widgets): the package must
# work with it too. A second environment, .venv-ipywidgets7: requirements.txt with only these
# three pins replaced (the widget versions released together), and the package.
IPYWIDGETS7_PINS=(ipywidgets==7.7.1 widgetsnbextension==3.6.1 jupyterlab_widgets==1.1.1)
VENV7=$ROOT/.venv-ipywidgets7

need_venv_ipywidgets7() {
    need_python
    if [ -e "$VENV7" ] && ! "$VENV7/bin/python" -c '' 2>/dev/null; then
        rm -rf "$VENV7"
    fi
    if [ ! -e "$VENV7" ]; then
        say "Creating .venv-ipywidgets7 (the course's pins, with ${IPYWIDGETS7_PINS[*]}) ..."
        "$PYTHON" -m venv "$VENV7"
    fi
    local pin name want have="" reqs=$VENV7/requirements-ipywidgets7.txt
    cp requirements.txt "$reqs.new"
    for pin in "${IPYWIDGETS7_PINS[@]}"; do
        name=${pin%%==*}
        grep -q "^$name==" "$reqs.new" || die "requirements.txt has no $name== line to replace"
        sed -i "s/^$name==.*/$pin/" "$reqs.new"
    done
    mv "$reqs.new" "$reqs"
    want=$(cat "$reqs" pyproject.toml | "$VENV7/bin/python" -c \
        'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')
    [ -f "$VENV7/.course-install-stamp" ] && have=$(cat "$VENV7/.course-install-stamp")
    if [ "$want" != "$have" ]; then
        say "Installing the course's packages with ipywidgets 7 into .venv-ipywidgets7 ..."
        "$VENV7/bin/python" -m pip install -q --disable-pip-version-check -r "$reqs" -e .
        printf '%s\n' "$want" >"$VENV7/.course-install-stamp"
    fi
}

cmd_test_ipywidgets7() {
    need_graphviz
    need_venv_ipywidgets7
    local py=$VENV7/bin/python
    say "ipywidgets $("$py" -c 'import ipywidgets; print(ipywidgets.__version__)') in .venv-ipywidgets7"
    # ipywidgets 7 warns about ipykernel's deprecated Comm class on every widget: not ours
    run_phase "widgets (7.7)" "$py" -m pytest tests/widgets tests/exercises -q \
        -p no:cacheprovider -W ignore::DeprecationWarning
    run_phase "notebooks (7.7)" "$py" -m pytest --nbval notebooks/ --nbval-current-env \
        --nbval-sanitize-with tests/sanitize.cfg -q -p no:cacheprovider -W ignore::DeprecationWarning
    print_summary
    if [ "$FAILED" = 1 ]; then
        say "Some phases failed with ipywidgets 7; see their output above."
        exit 1
    fi
    say "All phases passed with ipywidgets 7."
}

cmd_links() {  # standard library only: works before any set-up
    need_python
    exec "$PYTHON" -m tools.links "$@"
}

usage() {
    sed -n '2,17p' "$ROOT/course.sh" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
    lab) shift; cmd_lab "$@" ;;
    test) shift; cmd_test "$@" ;;
    notebooks) shift; cmd_notebooks "$@" ;;
    solutions) shift; cmd_solutions "$@" ;;
    bench) shift; cmd_bench "$@" ;;
    slides) shift; cmd_slides "$@" ;;
    site) shift; cmd_site "$@" ;;
    loadtest) shift; cmd_loadtest "$@" ;;
    loadtest-classview) shift; cmd_loadtest_classview "$@" ;;
    test-ipywidgets7) shift; cmd_test_ipywidgets7 "$@" ;;
    links) shift; cmd_links "$@" ;;
    setup) shift; need_graphviz; need_venv; say "Setup done: .venv is ready." ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
esac
