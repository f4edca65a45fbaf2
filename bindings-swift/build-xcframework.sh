#!/usr/bin/env bash
# Builds MomentPay.xcframework (iOS device, iOS simulator, macOS) from the Rust core.
# Runs on macOS with Xcode and rustup; it is not run by the test command (there is no Apple
# toolchain on our CI machines).
#
#   bindings-swift/build-xcframework.sh    -> target/MomentPay.xcframework
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname)" = "Darwin" ] || { echo "build-xcframework.sh needs macOS and Xcode" >&2; exit 1; }
TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${TARGETS[@]}"
for target in "${TARGETS[@]}"; do
  # release-swift: release optimised for size (see Cargo.toml).
  cargo build --profile release-swift -p momentpay-swift --target "$target"
done
OUT=target/xcframework
rm -rf "$OUT" target/MomentPay.xcframework
mkdir -p "$OUT/ios-sim" "$OUT/macos" "$OUT/headers"
cp bindings-swift/Sources/MomentPayFFI/MomentPayFFI.h bindings-swift/Sources/MomentPayFFI/module.modulemap "$OUT/headers/"
lipo -create target/aarch64-apple-ios-sim/release-swift/libmomentpay_ffi.a target/x86_64-apple-ios/release-swift/libmomentpay_ffi.a \
  -output "$OUT/ios-sim/libmomentpay_ffi.a"
lipo -create target/aarch64-apple-darwin/release-swift/libmomentpay_ffi.a target/x86_64-apple-darwin/release-swift/libmomentpay_ffi.a \
  -output "$OUT/macos/libmomentpay_ffi.a"
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/release-swift/libmomentpay_ffi.a -headers "$OUT/headers" \
  -library "$OUT/ios-sim/libmomentpay_ffi.a" -headers "$OUT/headers" \
  -library "$OUT/macos/libmomentpay_ffi.a" -headers "$OUT/headers" \
  -output target/MomentPay.xcframework
echo "built target/MomentPay.xcframework: add it as a binaryTarget named MomentPayFFI and"
echo "compile Sources/MomentPay/MomentPay.swift against it (see bindings-swift/README.md)."
