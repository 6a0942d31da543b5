//! `sotto serve`: OpenAI's speech endpoint and a try-it page over HTTP, and the Wyoming
//! protocol for Home Assistant, from one process: one loaded voice, a bounded number of
//! syntheses at once.

mod engine;
mod http;
mod routes;
mod speech;
mod sse;
mod wyoming;

use std::collections::HashMap;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use sotto::VoiceOptions;

use super::precision::PrecisionArg;
use super::voice::VoiceArgs;
use engine::Engine;

/// Connections served at once per protocol by default; more are answered 503 (HTTP) or
/// closed (Wyoming).
pub const DEFAULT_CONNECTION_THREADS: u16 = 64;
/// Time in-flight syntheses get to finish after SIGINT/SIGTERM before they are cancelled.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Arguments of `sotto serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// HTTP address (OpenAI-compatible speech endpoint and the page at /)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:5002")]
    http: SocketAddr,
    /// Wyoming protocol address (Home Assistant)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:10200")]
    wyoming: SocketAddr,
    /// Syntheses run at once (one engine stream each, over one shared voice)
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=64))]
    max_concurrent: u16,
    /// Requests waiting for a free stream before more are refused (HTTP 429)
    #[arg(long, value_name = "N", default_value_t = 16)]
    queue: usize,
    /// Connection threads per protocol (one per open connection); each synthesis computes
    /// on its connection's thread, so --max-concurrent bounds the CPU cores used
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CONNECTION_THREADS, value_parser = clap::value_parser!(u16).range(2..=1024))]
    threads: u16,
    /// Model precision
    #[arg(long, value_enum, default_value_t = PrecisionArg::Auto)]
    precision: PrecisionArg,
    /// Seconds an HTTP client has to send its whole request (against slow-dripping clients)
    #[arg(long, value_name = "SECS", default_value_t = http::REQUEST_DEADLINE.as_secs(), value_parser = clap::value_parser!(u64).range(1..=3600))]
    request_timeout: u64,
    /// Print one line per connection on stderr
    #[arg(short, long)]
    verbose: bool,
    #[command(flatten)]
    voice: VoiceArgs,
}

/// Connection bookkeeping shared by the accept loops.
struct Server {
    engine: Arc<Engine>,
    stopping: AtomicBool,
    max_connections: usize,
    request_timeout: Duration,
    http_conns: AtomicUsize,
    wyoming_conns: AtomicUsize,
    /// The open connections (a handle of each), so shutdown can end the idle ones.
    open: Mutex<HashMap<u64, TcpStream>>,
    next_id: AtomicU64,
}

impl Server {
    /// Ends the reading side of every open connection: an idle one (a Wyoming client between
    /// events, an HTTP client that sent nothing) closes at once, one that is speaking finishes
    /// its synthesis first.
    fn close_reading(&self) {
        let open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        for s in open.values() {
            let _ = s.shutdown(Shutdown::Read);
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let http = bind(args.http, "HTTP")?;
    let wyoming = bind(args.wyoming, "Wyoming")?;
    let voice = args.voice.open_engine(
        &VoiceOptions {
            device: args.voice.device.into(),
            precision: args.precision.into(),
            vocoder: args.voice.vocoder.clone(),
            user_lexicon: None,
            checksums: args.voice.checksums(),
        },
        args.verbose,
    )?;
    let (precision, why) = voice.precision();
    if args.verbose {
        eprintln!("sotto: precision {precision} ({why})");
    }
    let engine = Engine::new(voice, args.max_concurrent as usize, args.queue)
        .context("cannot open the engine streams")?;
    let server = Arc::new(Server {
        engine: Arc::new(engine),
        stopping: AtomicBool::new(false),
        max_connections: args.threads as usize,
        request_timeout: Duration::from_secs(args.request_timeout),
        http_conns: AtomicUsize::new(0),
        wyoming_conns: AtomicUsize::new(0),
        open: Mutex::new(HashMap::new()),
        next_id: AtomicU64::new(0),
    });
    let http_addr = http.local_addr()?;
    let wyoming_addr = wyoming.local_addr()?;
    eprintln!(
        "sotto serve: voice {} from {} ({}, {}) loaded in {:.1} s; HTTP on http://{http_addr}/ ; Wyoming on tcp://{wyoming_addr}",
        server.engine.voice().name(),
        server.engine.voice().dir().display(),
        count(args.max_concurrent.into(), "stream"),
        precision,
        started.elapsed().as_secs_f64()
    );
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
    ])
    .context("cannot install signal handlers")?;
    let accept_http = {
        let server = Arc::clone(&server);
        std::thread::spawn(move || accept_loop(http, &server, Protocol::Http, args.verbose))
    };
    let accept_wyoming = {
        let server = Arc::clone(&server);
        std::thread::spawn(move || accept_loop(wyoming, &server, Protocol::Wyoming, args.verbose))
    };
    let signal = signals.forever().next();
    eprintln!(
        "sotto serve: signal {}, shutting down",
        signal.unwrap_or_default()
    );
    server.stopping.store(true, Ordering::SeqCst);
    server.engine.begin_shutdown();
    let _ = TcpStream::connect(http_addr);
    let _ = TcpStream::connect(wyoming_addr);
    let _ = accept_http.join();
    let _ = accept_wyoming.join();
    server.close_reading();
    let deadline = Instant::now() + SHUTDOWN_GRACE;
    let busy =
        || server.http_conns.load(Ordering::SeqCst) + server.wyoming_conns.load(Ordering::SeqCst);
    while busy() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    if busy() > 0 {
        eprintln!(
            "sotto serve: cancelling the syntheses of {}",
            count(busy(), "connection")
        );
        server.engine.cancel_all();
        let hard = Instant::now() + SHUTDOWN_GRACE;
        while busy() > 0 && Instant::now() < hard {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    eprintln!("sotto serve: stopped");
    Ok(ExitCode::SUCCESS)
}

fn bind(addr: SocketAddr, what: &str) -> Result<TcpListener> {
    if !addr.ip().is_loopback() {
        eprintln!(
            "sotto serve: {what} listens on {addr}, reachable from other machines (not loopback-only): your choice via the command line"
        );
    }
    TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr} ({what})"))
}

#[derive(Debug, Clone, Copy)]
enum Protocol {
    Http,
    Wyoming,
}

impl Protocol {
    /// The name logs use.
    fn name(self) -> &'static str {
        match self {
            Protocol::Http => "HTTP",
            Protocol::Wyoming => "Wyoming",
        }
    }
}

fn accept_loop(listener: TcpListener, server: &Arc<Server>, protocol: Protocol, verbose: bool) {
    for conn in listener.incoming() {
        if server.stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(mut stream) = conn else { continue };
        let counter = match protocol {
            Protocol::Http => &server.http_conns,
            Protocol::Wyoming => &server.wyoming_conns,
        };
        if counter.fetch_add(1, Ordering::SeqCst) >= server.max_connections {
            counter.fetch_sub(1, Ordering::SeqCst);
            if let Protocol::Http = protocol {
                let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
                let _ = http::respond_busy(&mut stream, 503, "too many connections");
            }
            continue;
        }
        if verbose {
            if let Ok(peer) = stream.peer_addr() {
                eprintln!("sotto serve: {} connection from {peer}", protocol.name());
            }
        }
        let id = server.next_id.fetch_add(1, Ordering::SeqCst);
        if let Ok(handle) = stream.try_clone() {
            server
                .open
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(id, handle);
        }
        let owner = Arc::clone(server);
        let spawned = std::thread::Builder::new()
            .name(protocol.name().to_string())
            .spawn(move || {
                let server = owner;
                let engine = Arc::clone(&server.engine);
                match protocol {
                    Protocol::Http => {
                        routes::serve_connection(stream, &engine, server.request_timeout)
                    }
                    Protocol::Wyoming => wyoming::serve_connection(stream, engine),
                }
                server
                    .open
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .remove(&id);
                let counter = match protocol {
                    Protocol::Http => &server.http_conns,
                    Protocol::Wyoming => &server.wyoming_conns,
                };
                counter.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            server
                .open
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&id);
            counter.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// `1 connection`, `2 connections`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Writes `samples` into `into` as 16-bit little-endian PCM, replacing its contents.
fn pcm16(samples: &[f32], into: &mut Vec<u8>) {
    into.clear();
    into.reserve(samples.len() * 2);
    for &s in samples {
        into.extend_from_slice(&sotto::audio::to_i16(s).to_le_bytes());
    }
}
