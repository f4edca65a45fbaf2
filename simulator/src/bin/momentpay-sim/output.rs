//! Standard output that a closed pipe ends quietly (`momentpay-sim state export - | head`),
//! as Unix tools do, instead of `println!`'s panic.

use std::io::Write;

/// Writes one line to stdout; exits 0 at once if the reader has gone.
pub fn line(text: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(error) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("momentpay-sim: cannot write to stdout: {error}");
        std::process::exit(1);
    }
}

/// `println!` through [`line`].
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::line(format_args!($($arg)*))
    };
}
pub(crate) use say;
