#!/usr/bin/env bash
# Builds MomentPayFFI.xcframework (iOS arm64, iOS simulator arm64 + x86_64, macOS arm64 +
# x86_64) from the Rust core, zips it, and writes the zip's checksum into Package.swift
# (releaseChecksum), where SwiftPM's binaryTarget(url:checksum:) reads it for the release.
# Runs on macOS with Xcode and rustup (.github/workflows/release.yml runs it); there is no
# Apple toolchain on the Linux machines the test command runs on.
#
#   bindings-swift/build-xcframework.sh
#     -> target/MomentPayFFI.xcframework        (what Package.swift uses locally)
#     -> target/MomentPayFFI.xcframework.zip    (the release asset)
#     -> target/MomentPayFFI.xcframework.zip.sha256, and Package.swift's releaseChecksum
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname)" = "Darwin" ] || { echo "build-xcframework.sh needs macOS and Xcode" >&2; exit 1; }
TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${TARGETS[@]}"
for target in "${TARGETS[@]}"; do
  # release-swift: release optimised for size (see Cargo.toml).
  cargo build --locked --profile release-swift -p momentpay-swift --target "$target"
done
OUT=target/xcframework
FRAMEWORK=target/MomentPayFFI.xcframework
rm -rf "$OUT" "$FRAMEWORK" "$FRAMEWORK.zip"
mkdir -p "$OUT/ios-sim" "$OUT/macos" "$OUT/headers"
cp bindings-swift/Sources/MomentPayFFI/*.h bindings-swift/Sources/MomentPayFFI/module.modulemap "$OUT/headers/"
lipo -create target/aarch64-apple-ios-sim/release-swift/libmomentpay_ffi.a target/x86_64-apple-ios/release-swift/libmomentpay_ffi.a \
  -output "$OUT/ios-sim/libmomentpay_ffi.a"
lipo -create target/aarch64-apple-darwin/release-swift/libmomentpay_ffi.a target/x86_64-apple-darwin/release-swift/libmomentpay_ffi.a \
  -output "$OUT/macos/libmomentpay_ffi.a"
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/release-swift/libmomentpay_ffi.a -headers "$OUT/headers" \
  -library "$OUT/ios-sim/libmomentpay_ffi.a" -headers "$OUT/headers" \
  -library "$OUT/macos/libmomentpay_ffi.a" -headers "$OUT/headers" \
  -output "$FRAMEWORK"
(cd target && ditto -c -k --sequesterRsrc --keepParent MomentPayFFI.xcframework MomentPayFFI.xcframework.zip)
CHECKSUM=$(swift package compute-checksum "$FRAMEWORK.zip")
echo "$CHECKSUM  MomentPayFFI.xcframework.zip" > "$FRAMEWORK.zip.sha256"
sed -i '' -E "s/^let releaseChecksum = \"[0-9a-f]*\"/let releaseChecksum = \"$CHECKSUM\"/" Package.swift
grep -q "let releaseChecksum = \"$CHECKSUM\"" Package.swift || { echo "could not write the checksum into Package.swift" >&2; exit 1; }
echo "built $FRAMEWORK and $FRAMEWORK.zip (checksum $CHECKSUM, written to Package.swift)"
