"""`%%skip_without torch`: a notebook cell that runs only where an optional package is installed.

    %load_ext autograd_lesson.magics        # once, in a cell before

    %%skip_without torch
    import torch
    ...

Where the package can be imported the cell runs as if the first line were not there;
where it cannot, the cell prints one line saying what is missing and how to add it, and
does nothing else, so "Run All" goes on to the end of the notebook. A package that is
installed but fails to import (a CUDA build of PyTorch without its CUDA libraries, say)
gets the same one line, naming the import's error. nbval skips such cells too where the
package cannot be imported, with that reason (the hook in `conftest.py` at the top of the
repository), since their stored output comes from a run with it.
"""

import importlib
import importlib.util

INSTALL = {
    "torch": "WITH_TORCH=1 bash course.sh lab on your machine, or %pip install torch in a cell "
    "(Colab has it already)"
}
NAMES = {"torch": "PyTorch"}

_import_errors = {}  # module -> the error its import raised, once tried


def import_error(module):
    """None if `module` imports here; else the error, as one line ("ImportError: ...")."""
    if module in _import_errors:
        return _import_errors[module]
    try:
        if importlib.util.find_spec(module) is None:
            error = "not installed"
        else:
            importlib.import_module(module)
            error = None
    except (ImportError, ValueError) as exc:  # find_spec("") raises ValueError
        error = f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # a broken package can raise anything while it loads
        error = f"{type(exc).__name__}: {exc}"
    if error is not None:
        error = " ".join(error.split())  # one line, whatever the message
    _import_errors[module] = error
    return error


def available(module):
    """True if `module` can be imported here (it is imported to find out)."""
    return import_error(module) is None


def skip_reason(module):
    """The one line a skipped cell prints (and nbval gives as the reason it skipped the cell)."""
    name = NAMES.get(module, module)
    how = INSTALL.get(module, f"pip install {module}")
    error = import_error(module)
    if error in (None, "not installed"):
        why = "which is not installed here"
    else:
        why = f"which is installed here but fails to import ({error})"
    return (
        f"Skipped: this cell needs {name} ({module}), {why}. "
        f"To add it: {how}; then restart the kernel and run the notebook again."
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
