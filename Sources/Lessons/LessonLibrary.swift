import Foundation

/// Where lessons live, and how a name on the command line picks one.
///
/// The directory is the first that exists of: `$TENSORTUTOR_LESSONS`; the installed
/// `share/tensortutor/lessons` next to the binary's `bin/`; the `lessons/` directory of
/// the checkout the binary was built in (found from the binary's `.build/...` path or
/// from this source file's path), so `make run` works from any working directory.
public struct LessonLibrary {
    public let directory: String?

    public init(directory: String?) {
        self.directory = directory
    }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment, executablePath: String? = currentExecutablePath()) -> LessonLibrary {
        LessonLibrary(directory: candidateDirectories(environment: environment, executablePath: executablePath).first(where: isDirectory))
    }

    static func candidateDirectories(environment: [String: String], executablePath: String?) -> [String] {
        var candidates: [String] = []
        if let configured = environment["TENSORTUTOR_LESSONS"], !configured.isEmpty {
            candidates.append(configured)
        }
        if let executablePath {
            let binDirectory = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            candidates.append(binDirectory.appendingPathComponent("../share/tensortutor/lessons").standardized.path)
            // `.build/<triple>/debug/tensortutor` or `.build/debug/tensortutor` in a checkout.
            var directory = binDirectory
            for _ in 0..<4 {
                directory = directory.deletingLastPathComponent()
                if directory.lastPathComponent.hasPrefix(".build") {
                    candidates.append(directory.deletingLastPathComponent().appendingPathComponent("lessons").path)
                    break
                }
            }
        }
        // Sources/Lessons/LessonLibrary.swift -> the checkout's lessons/.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(checkout.appendingPathComponent("lessons").path)
        return candidates
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public static func currentExecutablePath() -> String? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).standardized.path }
    }

    /// The lesson files, `NN-name.md`, sorted; the README is not a lesson.
    public var lessonPaths: [String] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted().map { directory + "/" + $0 }
    }

    public enum Resolution: Equatable {
        case found(String)
        case notFound
        case ambiguous([String])
    }

    /// A path to an existing file, or a lesson named by id, file name (with or without
    /// `.md`), number (`1`, `01`), or a unique prefix of an id or file name.
    public func resolve(_ name: String, ids: [String: String] = [:]) -> Resolution {
        if name.contains("/") || name.hasSuffix(".md") {
            if FileManager.default.fileExists(atPath: name) { return .found(name) }
            if !name.contains("/"), let directory, FileManager.default.fileExists(atPath: directory + "/" + name) {
                return .found(directory + "/" + name)
            }
            return .notFound
        }
        let paths = lessonPaths
        func stem(_ path: String) -> String { ((path as NSString).lastPathComponent as NSString).deletingPathExtension }
        let lowered = name.lowercased()
        if let exact = paths.first(where: { ids[$0]?.lowercased() == lowered || stem($0).lowercased() == lowered }) { return .found(exact) }
        if let number = Int(name) {
            // `03-broadcasting` is lesson 3; `03r-review` is named by its `03r`.
            let matches = paths.filter { path in
                let digits = stem(path).prefix { $0.isNumber }
                return Int(digits) == number && stem(path).dropFirst(digits.count).first == "-"
            }
            if matches.count == 1 { return .found(matches[0]) }
        }
        let prefixed = paths.filter { stem($0).lowercased().hasPrefix(lowered) || (ids[$0]?.lowercased().hasPrefix(lowered) ?? false) }
        if prefixed.count == 1 { return .found(prefixed[0]) }
        return prefixed.isEmpty ? .notFound : .ambiguous(prefixed.map(stem))
    }
}
