// swift-tools-version:6.0
import PackageDescription

// The layered module graph from the architecture notes: each target depends only on
// targets listed before it, and the engine at the bottom has no dependencies at all.

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
        .target(name: "TensorEngine"),
        .target(name: "PySyntax", dependencies: ["Diagnostics"]),
        .target(name: "Interpreter", dependencies: ["PySyntax", "TensorEngine", "Diagnostics"]),
        .target(name: "Explain", dependencies: ["Interpreter", "PySyntax", "TensorEngine", "Diagnostics"]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LineEditor", dependencies: ["CEditLine"]),
        .target(name: "Lessons", dependencies: ["Explain", "Interpreter", "PySyntax", "TensorEngine", "Diagnostics"]),
        .target(name: "REPL", dependencies: ["Lessons", "Explain", "Interpreter", "PySyntax", "TensorEngine", "Diagnostics"]),
        .executableTarget(
            name: "tensortutor",
            dependencies: [
                "Interpreter", "PySyntax", "TensorEngine", "Diagnostics", "Explain",
                "REPL", "LineEditor", "Lessons",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TensorEngineTests", dependencies: ["TensorEngine"]),
        .testTarget(name: "PySyntaxTests", dependencies: ["PySyntax", "Diagnostics"]),
        .testTarget(
            name: "InterpreterTests",
            dependencies: ["Interpreter", "TensorEngine", "PySyntax", "Diagnostics"],
            // Read from the source tree at run time, not bundled.
            exclude: ["Fixtures", "KnownGaps.txt"]
        ),
        .testTarget(name: "ExplainTests", dependencies: ["Explain", "Interpreter", "TensorEngine", "PySyntax", "Diagnostics"]),
        .testTarget(name: "EndToEndTests", dependencies: ["tensortutor"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "Interpreter", "Diagnostics"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL", "LineEditor", "Interpreter", "Diagnostics"]),
        .testTarget(name: "RobustnessTests", dependencies: ["Interpreter", "PySyntax", "TensorEngine", "Diagnostics"]),
    ],
    swiftLanguageModes: [.v5]
)
