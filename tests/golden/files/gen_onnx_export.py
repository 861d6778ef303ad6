#!/usr/bin/python3
"""The truth for ConvLens' ONNX export (tests/tst_onnx_export.cpp): every example model, every forward-golden model
(tests/golden/forward: Keras and PyTorch code with the frameworks' weights), every golden ONNX file ConvLens
reads and every golden Keras .keras file (tfjs-trained weights), exported with `convlens-cli export MODEL --to onnx`, checked by onnx's checker and run by onnxruntime-node on
a fixed input. Writes tests/golden/export/onnx/:
  index.json             {generator, onnxruntime, opset, cases: [{name, stem, model, args, status, ...}]}
  <stem>.input.npy       the input fed to the file (float32, batch 1, the file's layout: NCHW for a Keras map)
  <stem>.out<k>.npy      onnxruntime's k-th output
A model the exporter refuses is listed with status "refused" and the message (the test checks it still refuses it,
naming the layer); nothing else is written for it.

  cd tests/golden && npm ci && cd files && /usr/bin/python3 gen_onnx_export.py [BUILD_DIR]   (default ../../../build)
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import zlib

import numpy as np
import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
OUT = os.path.join(ROOT, 'tests', 'golden', 'export', 'onnx')
BUILD = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, 'build')
CLI = os.path.join(BUILD, 'app', 'cli', 'convlens-cli')
SEED = 20260312


def rel(p):
    return os.path.relpath(p, ROOT)


def cases():
    out = []
    for py in sorted(glob.glob(os.path.join(ROOT, 'resources', 'examples', '*.py'))):
        name = 'examples/' + os.path.basename(py)[:-3]
        out.append({'name': name, 'model': rel(py), 'args': []})
    fwd = os.path.join(ROOT, 'tests', 'golden', 'forward')
    for kind in ['keras', 'torch', 'keras_modules', 'torch_modules']:
        index = os.path.join(fwd, f'cases_{kind}.json')
        if not os.path.exists(index):
            continue
        for c in json.load(open(index)):
            d = os.path.join(fwd, c['dir'])
            args = ['--framework', c['framework']]
            if c['framework'] == 'pytorch':
                args += ['--input-shape', ','.join(str(x) for x in c['input_shape'])]
            if os.path.isdir(os.path.join(d, 'weights')):
                args += ['--weights', rel(os.path.join(d, 'weights'))]
            out.append({'name': 'forward/' + c['name'], 'model': rel(os.path.join(d, 'model.py')), 'args': args})
    for f in sorted(glob.glob(os.path.join(ROOT, 'tests', 'golden', 'files', 'onnx', '*.onnx'))):
        out.append({'name': 'onnx/' + os.path.basename(f)[:-5], 'model': rel(f), 'args': []})
    # Keras files with their trained weights (last, so the inputs drawn for the cases above do not move)
    for f in sorted(glob.glob(os.path.join(ROOT, 'tests', 'golden', 'files', 'keras', '*.keras'))):
        base = os.path.basename(f)
        if base.count('.') == 1:  # <case>.keras, not <case>.keras_3_5.keras
            out.append({'name': 'keras/' + base[:-6], 'model': rel(f), 'args': []})
    for c in out:
        c['stem'] = c['name'].replace('/', '__')
    return out


def main():
    if not os.path.exists(CLI):
        sys.exit(f'{CLI}: build convlens-cli first')
    os.makedirs(OUT, exist_ok=True)
    for f in glob.glob(os.path.join(OUT, '*.npy')):
        os.remove(f)
    work = tempfile.mkdtemp(prefix='convlens_onnx_export_')
    listed, run = [], []
    for c in cases():
        onnx_file = c['stem'] + '.onnx'
        p = subprocess.run([CLI, 'export', os.path.join(ROOT, c['model']), *c['args'], '--to', 'onnx',
                            os.path.join(work, onnx_file)], cwd=ROOT, capture_output=True, text=True)
        if p.returncode == 1:
            msg = p.stderr.strip().splitlines()[-1]
            listed.append({**c, 'status': 'refused', 'message': msg.split(': cannot export to onnx: ', 1)[-1]})
            continue
        if p.returncode != 0:
            listed.append({**c, 'status': 'unreadable', 'message': p.stderr.strip().splitlines()[-1]})
            continue
        m = onnx.load(os.path.join(work, onnx_file))
        onnx.checker.check_model(m)
        ins = [i for i in m.graph.input if i.name not in {t.name for t in m.graph.initializer}]
        if len(ins) != 1:
            listed.append({**c, 'status': 'skipped', 'message': f'{len(ins)} graph inputs (one input per case here)'})
            continue
        dims = [1] + [d.dim_value for d in ins[0].type.tensor_type.shape.dim[1:]]
        # One generator per case, seeded by its name: a case that starts or stops exporting moves no other input.
        rng = np.random.default_rng([SEED, zlib.crc32(c['stem'].encode())])
        x = rng.uniform(-1.0, 1.0, size=dims).astype(np.float32)
        np.save(os.path.join(OUT, c['stem'] + '.input.npy'), x)
        entry = {**c, 'status': 'exported', 'input_shape': dims, 'nodes': len(m.graph.node),
                 'op_types': sorted({n.op_type for n in m.graph.node}),
                 'weights': int(p.stdout.split(' nodes, ')[1].split(' weights')[0]),  # as convlens-cli counts them
                 'bytes': os.path.getsize(os.path.join(work, onnx_file))}
        listed.append(entry)
        run.append({'name': c['name'], 'stem': c['stem'], 'onnx': onnx_file})
    json.dump({'cases': run}, open(os.path.join(work, 'cases.json'), 'w'))
    r = subprocess.run(['node', os.path.join(HERE, 'run_onnx_export.mjs'), work, OUT])
    results = json.load(open(os.path.join(work, 'results.json')))
    for e in listed:
        if e['status'] == 'exported':
            got = results['cases'].get(e['name'])
            if got is None:
                e['status'] = 'onnxruntime_failed'
            else:
                e['outputs'] = got['outputs']
    for f in glob.glob(os.path.join(work, '*')):
        os.remove(f)
    os.rmdir(work)
    index = {
        'generator': 'tests/golden/files/gen_onnx_export.py',
        'onnxruntime': f"onnxruntime-node {results['ort_version']} (CPU, one thread; graph optimizations disabled "
                       "and default, which must agree within 1e-5 of the largest output)",
        'opset': 13,
        'seed': SEED,
        'input': 'uniform [-1, 1) from numpy default_rng([seed, crc32(stem)]), one generator per case',
        'cases': listed,
    }
    with open(os.path.join(OUT, 'index.json'), 'w') as f:
        json.dump(index, f, indent=1)
        f.write('\n')
    counts = {}
    for e in listed:
        counts[e['status']] = counts.get(e['status'], 0) + 1
    print(counts)
    sys.exit(3 if r.returncode else 0)


if __name__ == '__main__':
    main()
