// swift-tools-version:6.0
import PackageDescription
import Foundation

// The layered module graph from the architecture notes: each target depends only on
// targets listed before it, and the engine at the bottom has no dependencies at all.

// Runtime exclusivity checks cost a call on every access to a class's stored property,
// which showed up as ~6% of a small op's time. Debug builds (and so `make test`) keep
// them, so a violation is still caught there.
let uncheckedExclusivityInRelease = SwiftSetting.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))

// The engine's 8×32 matmul tile needs AVX-512's 32 vector registers; it is compiled in
// when the build machine, the one `-target-cpu native` compiles for, has AVX-512.
// Elsewhere (no /proc/cpuinfo, another architecture, an AVX2-only core) the 6×16 tile runs.
let buildMachineHasAVX512: Bool = {
    guard let cpuInfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flags = cpuInfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
    return flags.split(separator: " ").contains("avx512f")
}()
let engineCPUDefines: [SwiftSetting] = buildMachineHasAVX512 ? [.define("ENGINE_AVX512")] : []

let package = Package(
    name: "TensorTutor",
    products: [
        .executable(name: "tensortutor", targets: ["tensortutor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "Diagnostics"),
        // Built for the CPU it compiles on (like -march=native): the tool is built from
        // source, and AVX2/FMA make the SIMD kernels about 1.6x faster than baseline x86-64.
        // The explicit FMA calls are the only fused operations, so results stay bit-exact.
        // The engine never reads errno, and with C's errno rule on, `squareRoot()` on a SIMD
        // vector ran as eight libm calls instead of one vsqrtps.
        .target(name: "TensorEngine",
                swiftSettings: [.unsafeFlags(["-target-cpu", "native", "-Xcc", "-fno-math-errno"]),
                                uncheckedExclusivityInRelease] + engineCPUDefines),
        .target(name: "Autograd", dependencies: ["TensorEngine"], swiftSettings: [uncheckedExclusivityInRelease]),
        // The op table: each op declared once, with its signature, variants, family, doc and implementation.
        .target(name: "Ops", dependencies: ["Autograd", "TensorEngine"], swiftSettings: [uncheckedExclusivityInRelease]),
        .target(name: "PySyntax", dependencies: ["Diagnostics"]),
        .target(name: "Interpreter", dependencies: ["PySyntax", "Ops", "Autograd", "TensorEngine", "Diagnostics"],
                swiftSettings: [uncheckedExclusivityInRelease]),
        .target(name: "Explain", dependencies: ["Interpreter", "Ops", "Autograd", "PySyntax", "TensorEngine", "Diagnostics"]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "StateFiles"),
        .target(name: "LineEditor", dependencies: ["CEditLine", "StateFiles"]),
        .target(name: "Lessons", dependencies: ["Explain", "Interpreter", "PySyntax", "TensorEngine", "Diagnostics", "StateFiles"]),
        .target(name: "REPL", dependencies: ["Lessons", "Ops", "Explain", "Interpreter", "PySyntax", "TensorEngine", "Diagnostics"]),
        .executableTarget(
            name: "tensortutor",
            dependencies: [
                "Interpreter", "PySyntax", "TensorEngine", "Diagnostics", "Explain",
                "REPL", "LineEditor", "Lessons",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TensorEngineTests", dependencies: ["TensorEngine"]),
        .testTarget(name: "OpsTests", dependencies: ["Ops"]),
        .testTarget(name: "PySyntaxTests", dependencies: ["PySyntax", "Diagnostics"]),
        .testTarget(
            name: "InterpreterTests",
            dependencies: ["Interpreter", "Ops", "TensorEngine", "PySyntax", "Diagnostics"],
            // Read from the source tree at run time, not bundled.
            exclude: ["Fixtures", "KnownGaps.txt"]
        ),
        .testTarget(name: "ExplainTests", dependencies: ["Explain", "Interpreter", "TensorEngine", "PySyntax", "Diagnostics"]),
        .testTarget(name: "EndToEndTests", dependencies: ["tensortutor"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "Interpreter", "PySyntax", "Diagnostics"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL", "LineEditor", "Interpreter", "Diagnostics"]),
        .testTarget(
            name: "RobustnessTests",
            dependencies: ["Interpreter", "PySyntax", "TensorEngine", "Diagnostics"],
            // hostile_snippets.py is read from the source tree at run time, not bundled.
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
