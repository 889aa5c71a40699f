"""Which node of the native stack ran a task: Airflow's ``[core] hostname_callable`` for the
processes of :mod:`tests.integration.stack`.

Every process of the native stack runs on this one machine, so the real host name cannot tell
two Celery workers apart. The stack gives each worker its own ``HDSWATCH_STACK_NODE``
(``worker-1``, ``worker-2`` …) and points ``AIRFLOW__CORE__HOSTNAME_CALLABLE`` here: the task
runner then records that name as the task instance's ``hostname`` in Airflow's database.

>>> import os; os.environ["HDSWATCH_STACK_NODE"] = "worker-2"; hostname()
'worker-2'
"""

from __future__ import annotations

import os
import socket

__all__ = ["NODE_VARIABLE", "hostname"]

NODE_VARIABLE = "HDSWATCH_STACK_NODE"


def hostname() -> str:
    """The node name given by the stack, else the machine's fully qualified name."""
    return os.environ.get(NODE_VARIABLE) or socket.getfqdn()
