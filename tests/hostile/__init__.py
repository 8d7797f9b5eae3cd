"""The standing hostile-input suite's shared harness (issue 12).

Every command and the main API entry points are run on malformed, hostile and huge inputs in a
subprocess under a memory limit (``RLIMIT_AS``) and a wall-clock timeout, and the outcome must meet
one contract (:func:`hostile.runner.assert_contract`):

* exit 0 with a correct result, or exit 2 with exactly one line on stderr starting ``error: ``
  (``error: PATH[:LINE]: message`` when a file is at fault);
* no traceback, no hang, no blown memory;
* no file changed on error (bytes, mode and kind of every file in the run's directory, the ``-o``
  target included, compared before and after);
* the standard output of a ``--json`` run is strict JSON (no ``NaN``/``Infinity``).

Modules
    :mod:`hostile.runner`: running a command or a snippet of Python under limits, snapshots of a
    directory, the contract.
    :mod:`hostile.inputs`: writers of .nfg and model files of our own (independent of the project's
    writers), the valid models, and hypothesis strategies that mutate them.
    :mod:`hostile.verify`: independent checks of a result (a profile is a Nash equilibrium, a
    distribution is a correlated equilibrium), in exact arithmetic.

Test modules are ``tests/test_hostile_*.py``; the parts that run many examples are marked ``slow``.
"""
