//! Minimal `.npy` (NumPy v1/v2/v3, C order, little endian) reader and writer for the
//! calibration sets: float32/float64 (read as f32), int64, int32, uint8, bool.

use std::path::Path;

use tract_onnx::prelude::*;

use crate::error::QuantError;

pub fn read_npy(path: &Path) -> Result<Tensor, QuantError> {
    let bytes = std::fs::read(path).map_err(|e| QuantError::Io {
        path: path.into(),
        source: e,
    })?;
    parse_npy(&bytes).map_err(|why| QuantError::Npy {
        path: path.into(),
        why,
    })
}

pub fn parse_npy(bytes: &[u8]) -> Result<Tensor, String> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err("missing \\x93NUMPY magic".into());
    }
    let major = bytes[6];
    let (hlen, start) = match major {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 => {
            if bytes.len() < 12 {
                return Err("truncated header".into());
            }
            (
                u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
                12,
            )
        }
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let header = bytes
        .get(start..start + hlen)
        .ok_or("truncated header")
        .and_then(|h| std::str::from_utf8(h).map_err(|_| "header is not text"))?;
    let field = |key: &str| -> Result<&str, String> {
        let i = header
            .find(&format!("'{key}'"))
            .ok_or(format!("no {key:?} in header"))?;
        Ok(header[i + key.len() + 2..]
            .trim_start()
            .trim_start_matches(':')
            .trim_start())
    };
    let descr = field("descr")?;
    let descr = descr.trim_start_matches('\'');
    let descr = &descr[..descr.find('\'').ok_or("bad descr")?];
    let fortran = field("fortran_order")?.starts_with("True");
    let shape_s = field("shape")?;
    let shape_s = &shape_s
        [shape_s.find('(').ok_or("bad shape")? + 1..shape_s.find(')').ok_or("bad shape")?];
    let shape: Vec<usize> = shape_s
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<usize>()
                .map_err(|_| format!("bad shape entry {s:?}"))
        })
        .collect::<Result<_, _>>()?;
    let data = &bytes[start + hlen..];
    let n: usize = shape.iter().product();
    let need = |w: usize| -> Result<&[u8], String> {
        data.get(..n * w).ok_or(format!(
            "{} data bytes for {n} elements of {descr}",
            data.len()
        ))
    };
    let t = match descr {
        "<f4" => {
            let v: Vec<f32> = need(4)?
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            array(shape, fortran, v)?
        }
        "<f8" => {
            let v: Vec<f32> = need(8)?
                .chunks_exact(8)
                .map(|c| f64::from_le_bytes(c.try_into().unwrap()) as f32)
                .collect();
            array(shape, fortran, v)?
        }
        "<i8" => {
            let v: Vec<i64> = need(8)?
                .chunks_exact(8)
                .map(|c| i64::from_le_bytes(c.try_into().unwrap()))
                .collect();
            array(shape, fortran, v)?
        }
        "<i4" => {
            let v: Vec<i32> = need(4)?
                .chunks_exact(4)
                .map(|c| i32::from_le_bytes(c.try_into().unwrap()))
                .collect();
            array(shape, fortran, v)?
        }
        "|u1" => {
            let v: Vec<u8> = need(1)?.to_vec();
            array(shape, fortran, v)?
        }
        "|b1" => {
            let v: Vec<bool> = need(1)?.iter().map(|&b| b != 0).collect();
            array(shape, fortran, v)?
        }
        d => {
            return Err(format!(
                "unsupported dtype {d:?} (use <f4, <f8, <i8, <i4, |u1 or |b1)"
            ))
        }
    };
    Ok(t)
}

fn array<T: Datum + Clone>(shape: Vec<usize>, fortran: bool, v: Vec<T>) -> Result<Tensor, String> {
    use tract_ndarray::{ArrayD, IxDyn, ShapeBuilder};
    let a = if fortran {
        ArrayD::from_shape_vec(IxDyn(&shape).f(), v).map_err(|e| e.to_string())?
    } else {
        ArrayD::from_shape_vec(IxDyn(&shape), v).map_err(|e| e.to_string())?
    };
    Ok(a.as_standard_layout().into_owned().into_tensor())
}

/// Writes a float32 array as `.npy` v1.
pub fn write_npy_f32(path: &Path, shape: &[usize], data: &[f32]) -> Result<(), QuantError> {
    let shape_s = match shape.len() {
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut header = format!("{{'descr': '<f4', 'fortran_order': False, 'shape': {shape_s}, }}");
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut out = b"\x93NUMPY\x01\x00".to_vec();
    out.extend((header.len() as u16).to_le_bytes());
    out.extend(header.as_bytes());
    out.extend(data.iter().flat_map(|v| v.to_le_bytes()));
    std::fs::write(path, out).map_err(|e| QuantError::Io {
        path: path.into(),
        source: e,
    })
}
