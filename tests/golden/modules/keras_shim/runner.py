"""Runs every case's Python code under the shim; talks to gen_keras_modules.mjs over stdin/stdout (JSON lines).

    (started by gen_keras_modules.mjs)  /usr/bin/python3 -B keras_shim/runner.py CASES_PY APPLICATIONS_DIR [IDS]

Each case gets a fresh session (fresh tf.keras 2 name counters), a fresh temporary working directory with the
case's harness files, its harness environment variables and harness modules, and seeded `random`/`numpy`.
The model a case stands for is: the value of its `call` expression when it has one; otherwise the global
`model` when that is a model; otherwise the last model the code constructed.
"""
import io
import json
import os
import random
import sys
import tempfile
import traceback
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from keras_shim import core, modules  # noqa: E402


class Channel:
    def __init__(self):
        self.rd = sys.stdin.buffer
        self.wr = sys.__stdout__.buffer

    def request(self, msg):
        self.wr.write(json.dumps(msg, separators=(",", ":")).encode() + b"\n")
        self.wr.flush()
        line = self.rd.readline()
        if not line:
            raise SystemExit("generator closed the channel")
        r = json.loads(line)
        if "fatal" in r:
            raise core.ShimError(r["fatal"])
        return r


def run_case(chan, case):
    core.begin_session(chan)
    core.reset_registry()
    chan.request({"op": "begin", "case": case})
    harness = case.get("harness") or {}
    old_cwd = os.getcwd()
    old_env = dict(os.environ)
    added_modules = []
    random.seed(0)
    try:
        import numpy as np
        np.random.seed(0)
    except ImportError:
        pass
    result = None
    err = None
    with tempfile.TemporaryDirectory(prefix="convlens_case_") as tmp:
        try:
            os.chdir(tmp)
            for name, text in (harness.get("files") or {}).items():
                os.makedirs(os.path.dirname(os.path.join(tmp, name)) or tmp, exist_ok=True)
                if name.endswith(".npy"):
                    import numpy as np
                    np.save(os.path.join(tmp, name), np.asarray(json.loads(text), dtype="float32"))
                else:
                    with open(os.path.join(tmp, name), "w") as f:
                        f.write(text)
            os.environ.update(harness.get("env") or {})
            for mname, src in (harness.get("modules") or {}).items():
                m = types.ModuleType(mname)
                exec(compile(src, f"<harness module {mname}>", "exec"), m.__dict__)
                sys.modules[mname] = m
                added_modules.append(mname)
            if harness.get("setup"):
                exec(compile(harness["setup"], "<harness setup>", "exec"), {"__name__": "harness"})
            ns = {"__name__": "__main__"}
            sys.stdout = sys.stderr = io.StringIO()  # what the case prints is not the generator's business
            exec(compile(case["code"], f"<case {case['id']}>", "exec"), ns)
            if case.get("call"):
                result = eval(compile(case["call"], f"<call {case['id']}>", "eval"), ns)
                how = "call"
            elif isinstance(ns.get("model"), core.Model):
                result = ns["model"]
                how = "variable model"
            elif core.S.models:
                result = core.S.models[-1]
                how = "last model constructed"
            else:
                raise core.ShimError("the code defines no model")
            if not isinstance(result, core.Model):
                raise core.ShimError(f"the case's model is {result!r}, not a Keras model")
            result._finalize()
        except BaseException as e:  # noqa: BLE001 - reported to the generator, which fails loudly
            err = "".join(traceback.format_exception(type(e), e, e.__traceback__))
        finally:
            sys.stdout, sys.stderr = sys.__stderr__, sys.__stderr__
            os.chdir(old_cwd)
            os.environ.clear()
            os.environ.update(old_env)
            for mname in added_modules:
                sys.modules.pop(mname, None)
    if err is not None:
        chan.request({"op": "end", "model": None, "pyerror": err})
    else:
        chan.request({"op": "end", "model": result._shim_id, "how": how})


def main():
    import runpy
    cases_path, app_dir = sys.argv[1], sys.argv[2]
    only = set(sys.argv[3].split(",")) if len(sys.argv) > 3 and sys.argv[3] else None
    src = runpy.run_path(cases_path)
    cases = [dict(c, forward=False) for c in src["CASES"]] + [dict(c, forward=True) for c in src.get("FORWARD", [])]
    if only:
        cases = [c for c in cases if c["id"] in only]
    modules.APPLICATIONS_DIR = app_dir
    modules.install()
    chan = Channel()
    sys.stdout = sys.stderr  # the case code's prints must not reach the channel
    for case in cases:
        run_case(chan, case)
    chan.request({"op": "done"})


if __name__ == "__main__":
    main()
