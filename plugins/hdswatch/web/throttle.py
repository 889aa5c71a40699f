"""Log-in rate limit: after ``attempts`` failures for one login or one address within ``window``
seconds, further tries are refused until the window has passed.

>>> t = LoginThrottle(attempts=2, window=60.0, clock=lambda: 0.0)
>>> t.fail("a", "1.2.3.4"); t.fail("a", "1.2.3.4"); t.blocked("a", "5.6.7.8")
True
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable

__all__ = ["LoginThrottle"]


class LoginThrottle:
    def __init__(
        self, attempts: int = 5, window: float = 300.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.attempts, self.window, self.clock = attempts, window, clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str) -> int:
        times = self._failures[key]
        while times and times[0] <= self.clock() - self.window:
            times.popleft()
        return len(times)

    def blocked(self, login: str, address: str) -> bool:
        with self._lock:
            return any(self._recent(key) >= self.attempts for key in (f"l:{login}", f"a:{address}"))

    def fail(self, login: str, address: str) -> None:
        with self._lock:
            for key in (f"l:{login}", f"a:{address}"):
                self._failures[key].append(self.clock())

    def succeed(self, login: str) -> None:
        with self._lock:
            self._failures.pop(f"l:{login}", None)
