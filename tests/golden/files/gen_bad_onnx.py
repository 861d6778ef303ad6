#!/usr/bin/python3
"""Malformed ONNX files for the reader's bad-input tests -> bad/*.onnx (described in bad/README.md).

Run by gen_onnx.py at its end (or alone: /usr/bin/python3 gen_bad_onnx.py). Deterministic."""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "bad")
PRODUCER = "convlens tests/golden/files/gen_bad_onnx.py"


def small_conv_model(opset=13, domain=""):
    w = numpy_helper.from_array(np.arange(2 * 1 * 3 * 3, dtype=np.float32).reshape(2, 1, 3, 3) / 10, "w")
    b = numpy_helper.from_array(np.array([0.1, -0.1], np.float32), "b")
    nodes = [helper.make_node("Conv", ["input", "w", "b"], ["c"], name="conv", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["output"], name="relu")]
    g = helper.make_graph(nodes, "small", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 1, 4, 4])],
                          [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 2, 4, 4])], initializer=[w, b])
    m = helper.make_model(g, producer_name=PRODUCER, opset_imports=[helper.make_opsetid(domain, opset)])
    m.ir_version = 8
    return m


def write(name, data):
    with open(os.path.join(BAD, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(BAD, exist_ok=True)
    good = small_conv_model().SerializeToString()

    # 1. truncated protobuf: the first 60 % of a valid file (cut inside the initializer's raw_data)
    write("onnx_truncated.onnx", good[: len(good) * 6 // 10])

    # 2. random bytes (seeded)
    write("onnx_random_bytes.onnx", np.random.default_rng(1234).integers(0, 256, 4096, dtype=np.uint8).tobytes())

    # 3. initializer dims [2,1,3,3] (18 floats = 72 bytes) but raw_data holds 10 floats (40 bytes)
    m = small_conv_model()
    m.graph.initializer[0].raw_data = np.zeros(10, np.float32).tobytes()
    write("onnx_raw_data_length_mismatch.onnx", m.SerializeToString())

    # 4. a tiny file whose initializer claims dims [536870912] float = 2 GiB, with 8 bytes of raw_data
    m = small_conv_model()
    t = m.graph.initializer[1]
    del t.dims[:]
    t.dims.extend([536870912])
    t.raw_data = np.zeros(2, np.float32).tobytes()
    write("onnx_huge_dims_2gib.onnx", m.SerializeToString())

    # 4b. dims whose product overflows int64 (2^40 * 2^40)
    m = small_conv_model()
    t = m.graph.initializer[1]
    del t.dims[:]
    t.dims.extend([1 << 40, 1 << 40])
    write("onnx_dims_overflow.onnx", m.SerializeToString())

    # 4c. a negative dim in an initializer
    m = small_conv_model()
    t = m.graph.initializer[1]
    del t.dims[:]
    t.dims.extend([-2])
    write("onnx_negative_dim.onnx", m.SerializeToString())

    # 5. default domain at opset 99; and an unknown custom domain
    write("onnx_opset_99.onnx", small_conv_model(opset=99).SerializeToString())
    m = small_conv_model()
    m.opset_import.append(helper.make_opsetid("com.example.custom", 1))
    m.graph.node[1].domain = "com.example.custom"
    m.graph.node[1].op_type = "FancyRelu"
    write("onnx_unknown_domain_op.onnx", m.SerializeToString())

    # 6. a graph with a cycle: a = Relu(b), b = Relu(a), output = Add(input, b)
    nodes = [helper.make_node("Relu", ["b"], ["a"], name="relu_a"),
             helper.make_node("Relu", ["a"], ["b"], name="relu_b"),
             helper.make_node("Add", ["input", "b"], ["output"], name="add")]
    g = helper.make_graph(nodes, "cycle", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 1, 2, 2])],
                          [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, 2, 2])])
    m = helper.make_model(g, producer_name=PRODUCER, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    write("onnx_cycle.onnx", m.SerializeToString())

    # 6b. a node input that nothing produces
    nodes = [helper.make_node("Relu", ["nowhere"], ["output"], name="relu")]
    g = helper.make_graph(nodes, "dangling", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 1, 2, 2])],
                          [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, 2, 2])])
    m = helper.make_model(g, producer_name=PRODUCER, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    write("onnx_dangling_input.onnx", m.SerializeToString())

    # 7. external data: a missing file, a path escaping the model's folder, an absolute path, a range past the end
    def external(location, offset=None, length=None):
        m = small_conv_model()
        t = m.graph.initializer[0]
        t.ClearField("raw_data")
        t.data_location = TensorProto.EXTERNAL
        for k, v in (("location", location), ("offset", offset), ("length", length)):
            if v is not None:
                e = t.external_data.add()
                e.key, e.value = k, str(v)
        return m.SerializeToString()

    write("onnx_external_missing.onnx", external("onnx_external_missing.onnx.data"))
    write("onnx_external_escape.onnx", external("../../etc/passwd"))
    write("onnx_external_absolute.onnx", external("/etc/passwd"))
    write("onnx_external_past_end.onnx", external("onnx_external_past_end.onnx.data", offset=64, length=72))
    write("onnx_external_past_end.onnx.data", np.zeros(20, np.float32).tobytes())   # 80 bytes < 64 + 72

    # 8. empty file; not ONNX at all (a JSON text)
    write("onnx_empty.onnx", b"")
    write("onnx_is_json.onnx", b'{"this": "is not an ONNX protobuf"}\n')


if __name__ == "__main__":
    main()
