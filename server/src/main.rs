//! `minsheng-server`: the supervision service, and its admin commands.

#![forbid(unsafe_code)]

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use minsheng_server::auth::{self, NewToken, Role};
use minsheng_server::db::{self, Db};
use minsheng_server::{AppState, DEFAULT_BODY_LIMIT, demo};

/// The supervision service for livelihood public-works programmes (民生实事工程).
#[derive(Parser)]
#[command(name = "minsheng-server", version, about)]
struct Cli {
    #[command(flatten)]
    store: Store,
    /// The address to listen on (port 0 picks a free one; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Load the five example programmes and the Qinghai report, and make one token per role.
    #[arg(long)]
    demo: bool,
    /// With --demo: open the dashboard, signed in as the demo supervisor, in the desktop's browser.
    #[arg(long, requires = "demo")]
    open: bool,
    /// The largest request body accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_BODY_LIMIT)]
    body_limit: usize,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Args)]
struct Store {
    /// The SQLite file (created and migrated when missing).
    #[arg(long, global = true, default_value = "minsheng.sqlite")]
    db: PathBuf,
    /// A database URL (postgres://…); takes the place of --db.
    #[arg(long, global = true, env = "DATABASE_URL")]
    database_url: Option<String>,
}

impl Store {
    fn url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.is_empty() => url.clone(),
            _ => db::sqlite_url(&self.db),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Manage access tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Make a token, store its hash and print the token (it is shown only once).
    Create {
        /// supervisor, department or reader.
        #[arg(long, value_enum)]
        role: Role,
        /// The unit id a department token speaks for (e.g. hrss).
        #[arg(long)]
        unit: Option<String>,
        /// A programme the token reaches (repeat for several; none: every programme).
        #[arg(long = "programme")]
        programmes: Vec<String>,
        /// A label, recorded with everything the token submits.
        #[arg(long)]
        label: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("minsheng-server: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(run(cli))
}

async fn run(cli: Cli) -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let db = match Db::connect(&cli.store.url()).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("minsheng-server: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Some(Command::Token { command: TokenCommand::Create { role, unit, programmes, label } }) => {
            let label = label.unwrap_or_else(|| match &unit {
                Some(u) => format!("{role}:{u}"),
                None => role.to_string(),
            });
            match auth::create(&db, &NewToken { label, role, unit, programmes }).await {
                Ok(token) => {
                    println!("{token}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("minsheng-server: {e}");
                    ExitCode::from(2)
                }
            }
        }
        None => serve(db, cli.listen, cli.demo, cli.open, cli.body_limit).await,
    }
}

async fn serve(db: Db, listen: SocketAddr, with_demo: bool, open: bool, body_limit: usize) -> ExitCode {
    let mut demo_tokens = Vec::new();
    if with_demo {
        match demo::seed(&db).await {
            Ok((p, r)) => tracing::info!("demo data: {p} programme(s) and {r} report(s) added"),
            Err(e) => {
                eprintln!("minsheng-server: {e}");
                return ExitCode::from(2);
            }
        }
        match demo::tokens(&db).await {
            Ok(t) => demo_tokens = t,
            Err(e) => {
                eprintln!("minsheng-server: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("minsheng-server: cannot listen on {listen}: {e}");
            return ExitCode::from(2);
        }
    };
    let addr = listener.local_addr().unwrap_or(listen);
    {
        // Tests and scripts read these lines from stdout.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{addr}");
        for (t, token) in &demo_tokens {
            let _ = writeln!(out, "token {} {}", t.label, token);
            let _ = writeln!(out, "  dashboard: http://{addr}/login?token={token}");
        }
        let _ = out.flush();
    }
    if open && let Some((_, token)) = demo_tokens.first() {
        open_browser(&format!("http://{addr}/login?token={token}"));
    }
    let state = AppState::new(db.clone(), body_limit);
    let app = minsheng_server::app(state);
    let served = axum::serve(listener, app).with_graceful_shutdown(shutdown()).await;
    db.close().await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("minsheng-server: {e}");
            ExitCode::from(2)
        }
    }
}

/// Hands a link to the desktop's browser; says so when there is none.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    match std::process::Command::new(opener).arg(url).spawn() {
        // Reaped on a thread of its own, so the opener leaves no zombie behind.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => eprintln!("minsheng-server: cannot open a browser ({opener}: {e}); open the dashboard link above"),
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
