//! `serve --state FILE`: every acknowledged write is on disk before its answer leaves.
//!
//! A write (POST, PATCH or DELETE) that finished asks the saver for a save and waits for it
//! before answering. The saver coalesces what is waiting into one save (group commit): it
//! takes a consistent snapshot, writes it to a temporary file (mode 0600: it holds API keys
//! and webhook secrets), fsyncs it, renames it over FILE and fsyncs the folder. So a
//! `kill -9`, a crash or a power cut loses no answered write, and a retry after the restart
//! with the same idempotency key is answered from the saved record, never applied again.
//!
//! The snapshot is consistent: a keyed write holds the commit gate (shared) from before its
//! handler runs until its idempotency record is stored; the saver takes the gate exclusively,
//! so it never sees a committed object whose record is still in flight.

use crate::App;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How long a write waits for its save before it answers anyway (and logs why).
const SAVE_WAIT: Duration = Duration::from_secs(10);

/// The saver's bookkeeping.
#[derive(Debug)]
pub struct Persistence {
    path: PathBuf,
    /// Writes finished so far (each takes the next number).
    finished: AtomicU64,
    /// Writes whose effects are on disk.
    saved: tokio::sync::watch::Sender<u64>,
    wake: tokio::sync::Notify,
}

impl Persistence {
    /// Where the state is saved.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Whether a request changes what a snapshot holds (a hosted inbox receiving a delivery
/// does not: inboxes are not saved).
pub(crate) fn changes_state(method: &axum::http::Method, path: &str) -> bool {
    use axum::http::Method;
    matches!(
        *method,
        Method::POST | Method::PATCH | Method::DELETE | Method::PUT
    ) && !path.starts_with("/_sim/inboxes/")
}

impl App {
    /// Saves the state to `path` after every write from now on; answers the saver to run
    /// (on any tokio runtime) for as long as the simulator serves.
    pub fn persist_to(
        self: &Arc<App>,
        path: PathBuf,
    ) -> impl std::future::Future<Output = ()> + use<> {
        let persistence = Arc::new(Persistence {
            path,
            finished: AtomicU64::new(0),
            saved: tokio::sync::watch::Sender::new(0),
            wake: tokio::sync::Notify::new(),
        });
        let _ = self.persistence.set(persistence.clone());
        run_saver(self.clone(), persistence)
    }

    /// Waits until the write that just finished is on disk (nothing to wait for without
    /// `--state`).
    pub(crate) async fn wait_until_saved(&self) {
        let Some(persistence) = self.persistence.get() else {
            return;
        };
        let mine = persistence.finished.fetch_add(1, Ordering::SeqCst) + 1;
        let mut saved = persistence.saved.subscribe();
        persistence.wake.notify_one();
        let waited = tokio::time::timeout(SAVE_WAIT, saved.wait_for(|&done| done >= mine)).await;
        if !matches!(waited, Ok(Ok(_))) {
            tracing::error!(
                path = %persistence.path.display(),
                "the state was not saved within 10 s; answering anyway"
            );
        }
    }

    /// A snapshot taken while no keyed write is between its commit and its record.
    pub async fn consistent_export(&self) -> String {
        let _gate = self.commit_gate.write().await;
        self.export_state()
    }
}

async fn run_saver(app: Arc<App>, persistence: Arc<Persistence>) {
    loop {
        let target = persistence.finished.load(Ordering::SeqCst);
        if target > *persistence.saved.borrow() {
            let text = app.consistent_export().await;
            let path = persistence.path.clone();
            let written = tokio::task::spawn_blocking(move || write_durably(&path, &text)).await;
            match written {
                Ok(Ok(())) => {
                    persistence.saved.send_replace(target);
                }
                Ok(Err(error)) => {
                    tracing::error!(%error, "cannot save the state");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(error) => tracing::error!(%error, "the state saver failed"),
            }
            continue;
        }
        persistence.wake.notified().await;
    }
}

/// Writes `text` to `path` so that a crash at any moment leaves the old file or the new
/// one, never half of one: a temporary file beside it (mode 0600), fsync, rename, fsync of
/// the folder.
pub fn write_durably(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    // A fresh file, never an existing one: a leftover or planted `<file>.tmp` (a symlink to
    // somewhere else, in a shared folder) is removed, not followed, and the new file is
    // created exclusively, so it is always ours and always 0600.
    match std::fs::remove_file(&tmp) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)?;
    #[cfg(unix)]
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        std::fs::File::open(folder)?.sync_all()?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::write_durably;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_planted_temp_symlink_is_replaced_not_followed_and_the_file_is_0600() {
        // Security review L13.
        let dir = std::env::temp_dir().join(format!("momentpay-persist-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "untouched").expect("victim");
        let state = dir.join("state.json");
        std::os::unix::fs::symlink(&victim, dir.join("state.tmp")).expect("symlink");
        write_durably(&state, "{\"format\": 1}").expect("write");
        assert_eq!(
            std::fs::read_to_string(&victim).expect("victim"),
            "untouched"
        );
        assert_eq!(
            std::fs::read_to_string(&state).expect("state"),
            "{\"format\": 1}"
        );
        let mode = std::fs::metadata(&state)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
