/// Standard-library modules that most programs never import (`heapq`, `bisect`, `json`,
/// `re`). Each is built on its first import rather than at every session start, so a
/// session that does not use them pays nothing for them.
enum LazyModuleSource: Sendable {
    /// Python source run into a library scope; its names without a leading `_` are the members.
    case python(String)
    /// Members built in Swift.
    case native(@Sendable (Interpreter) -> [String: Value])
}

let lazyModuleSources: [String: LazyModuleSource] = [
    "heapq": .python(heapqLibrarySource),
    "bisect": .python(bisectLibrarySource),
    "json": .python(jsonLibrarySource),
    "datetime": .python(datetimeLibrarySource),
    "re": .native { $0.makeReMembers() },
]

extension Interpreter {
    /// The module imported as `name`: from the session's table, or built now and kept
    /// in the table for later imports.
    func loadedModule(_ name: String) -> Value? {
        if let module = modules[name] { return module }
        guard let source = lazyModuleSources[name] else { return nil }
        let members: [String: Value]
        switch source {
        case let .python(text): members = runLibrary(text, bindings: [:]).filter { !$0.key.hasPrefix("_") }
        case let .native(build): members = build(self)
        }
        let module = stdlibModule(name, members)
        modules[name] = module
        return module
    }

    /// Every importable top-level name, the built ones and those built on first import.
    var importableModuleNames: [String] { Array(modules.keys) + lazyModuleSources.keys }
}
