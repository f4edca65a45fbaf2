//! Shared helpers of the simulator's integration tests.

pub mod http;
pub mod merchant;
pub mod webdriver;
