//! Shared helpers of the simulator's integration tests.

pub mod merchant;
pub mod webdriver;
