"""`%%skip_without torch`: a notebook cell that runs only where an optional package is installed.

    %load_ext autograd_lesson.magics        # once, in a cell before

    %%skip_without torch
    import torch
    ...

Where the package can be imported the cell runs as if the first line were not there;
where it cannot, the cell prints one line saying what is missing and how to install it,
and does nothing else, so "Run All" goes on to the end of the notebook. nbval skips such
cells too when the package is missing, with that reason (the hook in `conftest.py`
at the top of the repository), since their stored output comes from a run with it.
"""

import importlib.util

INSTALL = {"torch": "pip install torch (CPU-only wheels are about 200 MB)"}
NAMES = {"torch": "PyTorch"}


def available(module):
    """True if `module` can be imported here (without importing it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def skip_reason(module):
    """The one line a skipped cell prints (and nbval gives as the reason it skipped the cell)."""
    name = NAMES.get(module, module)
    how = INSTALL.get(module, f"pip install {module}")
    return (
        f"Skipped: this cell needs {name} ({module}), which is not installed here. "
        f"To run it: {how}, then restart the kernel and run the notebook again."
    )


def skip_without(line, cell):
    """Cell magic: run the cell only if the module named on the magic's line can be imported."""
    module = line.strip()
    if not module:
        raise ValueError("%%skip_without needs the module to look for: %%skip_without torch")
    if not available(module):
        print(skip_reason(module))
        return
    from IPython import get_ipython

    shell = get_ipython()
    # exec in the notebook's namespace: names the cell defines stay defined, and an error
    # in the cell is an error of the cell (a traceback, and nbval sees it)
    exec(compile(cell, "<cell>", "exec"), shell.user_ns)


def load_ipython_extension(ipython):
    ipython.register_magic_function(skip_without, magic_kind="cell", magic_name="skip_without")
