"""CPU time, for the tests that assert how long the course's own code takes.

Wall-clock time counts whatever else the machine runs meanwhile (on a shared machine
under load, a 20 ms redraw can take 200 ms of wall-clock time); CPU time counts only
the work done. So a limit on how long our code computes is a limit on `cpu_seconds()`.
A limit that is a timeout by nature (a student's endless loop stopped, a browser
waiting) stays wall-clock.
"""

import time

try:
    import resource
except ImportError:  # Windows: no child-process accounting
    resource = None


def cpu_seconds():
    """CPU seconds used so far by this process (every thread) and by its child processes
    that have finished (Graphviz's `dot`, which draw_dot runs): subtract two readings."""
    if resource is None:
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
