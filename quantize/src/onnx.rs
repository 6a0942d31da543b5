//! Reading, building and writing ONNX protobufs (tract-onnx's prost `pb` types).

use std::collections::HashMap;
use std::path::Path;

use prost::Message;
use tract_onnx::pb::{
    attribute_proto::AttributeType, tensor_proto::DataType, AttributeProto, GraphProto, ModelProto,
    NodeProto, TensorProto, ValueInfoProto,
};

use crate::error::QuantError;

/// Decodes an ONNX model file; anything that is not a protobuf `ModelProto` with a graph is an error
/// naming the file.
pub fn load_model(path: &Path) -> Result<ModelProto, QuantError> {
    let bytes = std::fs::read(path).map_err(|e| QuantError::Io {
        path: path.into(),
        source: e,
    })?;
    decode_model(&bytes, path)
}

pub fn decode_model(bytes: &[u8], path: &Path) -> Result<ModelProto, QuantError> {
    let not_onnx = |why: String| QuantError::NotOnnx {
        path: path.into(),
        why,
    };
    let model = ModelProto::decode(bytes).map_err(|e| not_onnx(e.to_string()))?;
    let graph = model
        .graph
        .as_ref()
        .ok_or_else(|| not_onnx("no graph in the model".into()))?;
    if graph.node.is_empty() || graph.output.is_empty() {
        return Err(not_onnx("the graph has no nodes or no outputs".into()));
    }
    for t in &graph.initializer {
        if t.data_location == Some(1) {
            return Err(not_onnx(format!(
                "initializer {:?} uses external data, which this tool does not read",
                t.name
            )));
        }
    }
    Ok(model)
}

pub fn encode_model(model: &ModelProto) -> Vec<u8> {
    model.encode_to_vec()
}

pub fn save_model(model: &ModelProto, path: &Path) -> Result<(), QuantError> {
    std::fs::write(path, encode_model(model)).map_err(|e| QuantError::Io {
        path: path.into(),
        source: e,
    })
}

/// A float tensor read from an initializer.
#[derive(Clone, Debug)]
pub struct F32Tensor {
    pub dims: Vec<usize>,
    pub data: Vec<f32>,
}

pub fn tensor_to_f32(t: &TensorProto) -> Option<F32Tensor> {
    if t.data_type != DataType::Float as i32 {
        return None;
    }
    let dims: Vec<usize> = t.dims.iter().map(|&d| d as usize).collect();
    let data = if !t.raw_data.is_empty() {
        t.raw_data
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    } else {
        t.float_data.clone()
    };
    (data.len() == dims.iter().product::<usize>()).then_some(F32Tensor { dims, data })
}

fn raw_tensor(name: &str, dims: &[usize], dt: DataType, raw: Vec<u8>) -> TensorProto {
    TensorProto {
        name: name.to_string(),
        dims: dims.iter().map(|&d| d as i64).collect(),
        data_type: dt as i32,
        raw_data: raw,
        ..Default::default()
    }
}

pub fn f32_tensor(name: &str, dims: &[usize], data: &[f32]) -> TensorProto {
    raw_tensor(
        name,
        dims,
        DataType::Float,
        data.iter().flat_map(|v| v.to_le_bytes()).collect(),
    )
}
pub fn i8_tensor(name: &str, dims: &[usize], data: &[i8]) -> TensorProto {
    raw_tensor(
        name,
        dims,
        DataType::Int8,
        data.iter().map(|&v| v as u8).collect(),
    )
}
pub fn u8_tensor(name: &str, dims: &[usize], data: &[u8]) -> TensorProto {
    raw_tensor(name, dims, DataType::Uint8, data.to_vec())
}
pub fn i32_tensor(name: &str, dims: &[usize], data: &[i32]) -> TensorProto {
    raw_tensor(
        name,
        dims,
        DataType::Int32,
        data.iter().flat_map(|v| v.to_le_bytes()).collect(),
    )
}
pub fn i64_tensor(name: &str, dims: &[usize], data: &[i64]) -> TensorProto {
    raw_tensor(
        name,
        dims,
        DataType::Int64,
        data.iter().flat_map(|v| v.to_le_bytes()).collect(),
    )
}

pub fn attr_int(name: &str, v: i64) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: AttributeType::Int as i32,
        i: v,
        ..Default::default()
    }
}
pub fn attr_ints(name: &str, v: &[i64]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: AttributeType::Ints as i32,
        ints: v.to_vec(),
        ..Default::default()
    }
}
pub fn attr_float(name: &str, v: f32) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: AttributeType::Float as i32,
        f: v,
        ..Default::default()
    }
}

pub fn node(
    op: &str,
    name: &str,
    inputs: &[&str],
    outputs: &[&str],
    attrs: Vec<AttributeProto>,
) -> NodeProto {
    NodeProto {
        op_type: op.into(),
        name: name.into(),
        input: inputs.iter().map(|s| s.to_string()).collect(),
        output: outputs.iter().map(|s| s.to_string()).collect(),
        attribute: attrs,
        ..Default::default()
    }
}

pub fn get_attr<'a>(node: &'a NodeProto, name: &str) -> Option<&'a AttributeProto> {
    node.attribute.iter().find(|a| a.name == name)
}
pub fn attr_i(node: &NodeProto, name: &str) -> Option<i64> {
    get_attr(node, name).map(|a| a.i)
}
pub fn attr_is(node: &NodeProto, name: &str) -> Option<Vec<i64>> {
    get_attr(node, name).map(|a| a.ints.clone())
}

/// A float value-info with a fixed or symbolic shape (`None` = symbolic dimension).
pub fn value_info_f32(name: &str, dims: &[Option<i64>]) -> ValueInfoProto {
    use tract_onnx::pb::{tensor_shape_proto::dimension::Value, tensor_shape_proto::Dimension};
    use tract_onnx::pb::{type_proto, TensorShapeProto, TypeProto};
    let dim = dims
        .iter()
        .enumerate()
        .map(|(i, d)| Dimension {
            denotation: String::new(),
            value: Some(match d {
                Some(v) => Value::DimValue(*v),
                None => Value::DimParam(format!("d{i}")),
            }),
        })
        .collect();
    ValueInfoProto {
        name: name.into(),
        r#type: Some(TypeProto {
            denotation: String::new(),
            value: Some(type_proto::Value::TensorType(type_proto::Tensor {
                elem_type: DataType::Float as i32,
                shape: Some(TensorShapeProto { dim }),
            })),
        }),
        doc_string: String::new(),
    }
}

/// A whole model around a graph, opset 17.
pub fn model_from_graph(graph: GraphProto) -> ModelProto {
    ModelProto {
        ir_version: 8,
        opset_import: vec![tract_onnx::pb::OperatorSetIdProto {
            domain: String::new(),
            version: 17,
        }],
        producer_name: "sotto-quantize".into(),
        graph: Some(graph),
        ..Default::default()
    }
}

/// Index of initializers by name.
pub fn initializers(graph: &GraphProto) -> HashMap<String, usize> {
    graph
        .initializer
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect()
}

/// Constant float tensors available by name: initializers and `Constant` node outputs.
pub fn const_f32(graph: &GraphProto, name: &str) -> Option<F32Tensor> {
    if let Some(t) = graph.initializer.iter().find(|t| t.name == name) {
        return tensor_to_f32(t);
    }
    graph
        .node
        .iter()
        .find(|n| n.op_type == "Constant" && n.output.first().map(|o| o == name).unwrap_or(false))
        .and_then(|n| get_attr(n, "value"))
        .and_then(|a| a.t.as_ref())
        .and_then(tensor_to_f32)
}
