"""Runs one CPython test module under the interpreter running this file.

    ferrython tests/cpython_suite/run_one.py TEST_NAME RECORD_FILE

Loads ``test.TEST_NAME`` with unittest's default loader (honouring the
module's ``load_tests``) and runs it, with ``test.support`` set up as
``python -m test`` sets it up when no ``-u`` option is given (no extra
resources, not verbose). Each finished test is appended at once to
RECORD_FILE as one line ``OUTCOME TEST_ID`` (``pass``, ``fail``,
``error``, ``skip``), and each started test as ``start TEST_ID``, written
straight to the file descriptor, so whatever the process managed to do is
on record when it crashes or is killed for taking too long. A test whose
subtests fail counts once, as failed. The last line is ``done``.
Failure details go to stderr.

The work is guarded by ``__name__ == "__main__"``: multiprocessing's spawn
and forkserver children run this file again as ``__mp_main__``, and must
neither truncate the record nor start the tests (that is "new process
started during bootstrapping" in test_concurrent_futures).
"""

import os
import sys
import unittest

def record(kind, test_id):
    os.write(fd, f"{kind} {test_id}\n".encode("utf-8", "backslashreplace"))


class RecordingResult(unittest.TextTestResult):
    """A text result that also writes one record line per test."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome = {}

    def worst(self, test, kind):
        order = ("pass", "skip", "fail", "error")
        key = test.id()
        old = self.outcome.get(key, "pass")
        if order.index(kind) >= order.index(old):
            self.outcome[key] = kind

    def startTest(self, test):
        record("start", test.id())
        self.outcome[test.id()] = "pass"
        super().startTest(test)

    def stopTest(self, test):
        super().stopTest(test)
        record(self.outcome.pop(test.id(), "pass"), test.id())

    def addError(self, test, err):
        super().addError(test, err)
        self.worst(test, "error")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.worst(test, "fail")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.worst(test, "skip")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.worst(test, "fail")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            failed = issubclass(err[0], test.failureException)
            self.worst(test, "fail" if failed else "error")


def main():
    from test import support

    support.use_resources = []
    support.verbose = 0
    support.failfast = False
    try:
        tests = unittest.defaultTestLoader.loadTestsFromName("test." + name)
    except BaseException as e:
        record("import-error", f"{type(e).__name__}: {e}".replace("\n", " "))
        raise
    for err in unittest.defaultTestLoader.errors:
        first = err.strip().splitlines()[-1] if err.strip() else "?"
        record("import-error", first)
    runner = unittest.TextTestRunner(
        stream=sys.stderr, verbosity=0, resultclass=RecordingResult
    )
    runner.run(tests)
    record("done", name)


if __name__ == "__main__":
    name, record_path = sys.argv[1], sys.argv[2]
    fd = os.open(record_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
    main()
