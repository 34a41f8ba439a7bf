//! Sets `cfg(test_hooks)` for the test variant of the site (`PYUSES_TEST_HOOKS=1`), whose
//! wasm has hooks that release builds leave out (a route that panics, for the crash test).
//! The content is not compiled in: the site tool writes it into `dist/` as data files.

/// Set to build the test variant's test-only hooks.
const TEST_HOOKS_ENV: &str = "PYUSES_TEST_HOOKS";

fn main() {
    println!("cargo::rerun-if-env-changed={TEST_HOOKS_ENV}");
    println!("cargo::rustc-check-cfg=cfg(test_hooks)");
    if std::env::var_os(TEST_HOOKS_ENV).is_some() {
        println!("cargo::rustc-cfg=test_hooks");
    }
}
