"""Tiny element-wise graphs for timing tract's Q/DQ alternatives (offline check only)."""
import sys
import numpy as np
import onnx
from onnx import helper as h, TensorProto as T, numpy_helper as nh

out = sys.argv[1]
C, N = 1152, 256


def save(name, nodes, inits, in_t=T.FLOAT, out_t=T.FLOAT):
    g = h.make_graph(nodes, name, [h.make_tensor_value_info("x", in_t, [1, C, N])],
                     [h.make_tensor_value_info("y", out_t, None)], inits)
    m = h.make_model(g, opset_imports=[h.make_opsetid("", 17)])
    m.ir_version = 8
    onnx.save(m, f"{out}/{name}.onnx")


c = lambda n, v, dt=np.float32: nh.from_array(np.asarray(v, dtype=dt), n)
save("mul_scalar", [h.make_node("Mul", ["x", "s"], ["y"])], [c("s", 0.5)])
save("mul_add_scalar", [h.make_node("Mul", ["x", "s"], ["t"]), h.make_node("Add", ["t", "b"], ["y"])], [c("s", 0.5), c("b", 0.1)])
save("add_chan", [h.make_node("Add", ["x", "b"], ["y"])], [c("b", np.ones((C, 1)))])
save("leaky", [h.make_node("LeakyRelu", ["x"], ["y"], alpha=0.1)], [])
save("q_u8", [h.make_node("QuantizeLinear", ["x", "s", "z"], ["y"])], [c("s", 0.01), c("z", 128, np.uint8)], out_t=T.UINT8)
save("q_i8", [h.make_node("QuantizeLinear", ["x", "s", "z"], ["y"])], [c("s", 0.01), c("z", 0, np.int8)], out_t=T.INT8)
save("q_arith_u8", [h.make_node("Mul", ["x", "s"], ["a"]), h.make_node("Add", ["a", "z"], ["b"]),
                    h.make_node("Clip", ["b", "lo", "hi"], ["cl"]), h.make_node("Cast", ["cl"], ["y"], to=T.UINT8)],
     [c("s", 100.0), c("z", 128.5), c("lo", 0.0), c("hi", 255.0)], out_t=T.UINT8)
save("q_arith_round_u8", [h.make_node("Mul", ["x", "s"], ["a"]), h.make_node("Add", ["a", "z"], ["b"]),
                    h.make_node("Clip", ["b", "lo", "hi"], ["cl"]), h.make_node("Round", ["cl"], ["r"]), h.make_node("Cast", ["r"], ["y"], to=T.UINT8)],
     [c("s", 100.0), c("z", 128.0), c("lo", 0.0), c("hi", 255.0)], out_t=T.UINT8)
save("cast_f32_u8", [h.make_node("Cast", ["x"], ["y"], to=T.UINT8)], [], out_t=T.UINT8)
# dequantize forms: input is f32 here; cast to u8 first (timed separately)
save("dq_u8", [h.make_node("Cast", ["x"], ["u"], to=T.UINT8), h.make_node("DequantizeLinear", ["u", "s", "z"], ["y"])], [c("s", 0.01), c("z", 128, np.uint8)])
save("dq_arith_u8", [h.make_node("Cast", ["x"], ["u"], to=T.UINT8), h.make_node("Cast", ["u"], ["f"], to=T.FLOAT),
                     h.make_node("Mul", ["f", "s"], ["a"]), h.make_node("Add", ["a", "b"], ["y"])], [c("s", 0.01), c("b", -1.28)])
save("dq_i8_mul", [h.make_node("Cast", ["x"], ["u"], to=T.INT8), h.make_node("Cast", ["u"], ["f"], to=T.FLOAT),
                     h.make_node("Mul", ["f", "s"], ["y"])], [c("s", 0.01)])
save("cast_f32_i8", [h.make_node("Cast", ["x"], ["y"], to=T.INT8)], [], out_t=T.INT8)
save("cast_f32_i32", [h.make_node("Cast", ["x"], ["y"], to=T.INT32)], [], out_t=T.INT32)
save("cast_f32_i32_u8", [h.make_node("Cast", ["x"], ["i"], to=T.INT32), h.make_node("Cast", ["i"], ["y"], to=T.UINT8)], [], out_t=T.UINT8)
save("cast_f32_f16_u8", [h.make_node("Cast", ["x"], ["i"], to=T.FLOAT16), h.make_node("Cast", ["i"], ["y"], to=T.UINT8)], [], out_t=T.UINT8)
save("dyn_q", [h.make_node("DynamicQuantizeLinear", ["x"], ["y", "s", "z"])], [], out_t=T.UINT8)
