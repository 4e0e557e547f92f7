"""The older name of the one clock, `mainecare.clock` (moved out of services so stores can stamp
times with it). This is not a copy of its names: the module object itself is put under this name,
so `from mainecare.services import clock` and a test's monkeypatch of `clock.today` reach the very
module every other reader uses."""

import sys

from mainecare import clock

sys.modules[__name__] = clock
