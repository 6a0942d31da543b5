//! Offline int8 quantization of Sotto's ONNX models for tract.
