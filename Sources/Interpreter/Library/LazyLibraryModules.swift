/// Standard-library modules written in Python that most programs never import (`heapq`,
/// `bisect`, `json`). Each runs on its first import rather than at every session start,
/// so a session that does not use them pays nothing for them.
let lazyLibraryModuleSources: [String: String] = [
    "heapq": heapqLibrarySource,
    "bisect": bisectLibrarySource,
    "json": jsonLibrarySource,
]

extension Interpreter {
    /// The module imported as `name`: from the session's table, or built now from its
    /// Python source and kept in the table for later imports.
    func loadedModule(_ name: String) -> Value? {
        if let module = modules[name] { return module }
        guard let source = lazyLibraryModuleSources[name] else { return nil }
        let library = runLibrary(source, bindings: [:])
        // Its public names, as `from json import *` would bind them; helpers start with `_`.
        let members = library.filter { !$0.key.hasPrefix("_") }
        let module = stdlibModule(name, members)
        modules[name] = module
        return module
    }

    /// Every importable top-level name, the built ones and those built on first import.
    var importableModuleNames: [String] { Array(modules.keys) + lazyLibraryModuleSources.keys }
}
