import Diagnostics
import PySyntax

/// The file name the interpreter's own Python library runs under.
let pythonLibraryFileName = "<tensortutor library>"

/// Classes that user code subclasses in Python (`class LARS(torch.optim.Optimizer)`),
/// written in Python and run once per session into a module scope of their own. Errors
/// raised inside them carry no span, so the caret lands on the user's call, and Explain
/// never sees their steps.
extension Interpreter {
    /// Whether the innermost function running is part of that library.
    var runningLibraryCode: Bool {
        var current: Scope? = scope
        while let candidate = current {
            if let function = candidate.function { return function.isLibrary }
            guard candidate.isComprehension else { return false }
            current = candidate.parent
        }
        return false
    }

    /// Runs `text` with `bindings` as its globals and returns what it defined. The source
    /// is the project's own, so a failure is a bug that the library's tests catch; it
    /// leaves the names undefined rather than stopping the session.
    func runLibrary(_ text: String, bindings: [String: Value]) -> [String: Value] {
        let module = Scope(parent: nil)
        module.variables = bindings
        libraryScopes.append(module)
        let file = SourceFile(name: pythonLibraryFileName, text: text)
        guard let parsed = try? PythonParser.parseModule(file) else { return [:] }
        let saved = (scope, source, currentLine)
        (scope, source) = (module, file)
        defer { (scope, source, currentLine) = saved }
        _ = try? execute(parsed.body)
        return module.variables
    }

    /// `torch.optim.Optimizer`, `torch.optim.lr_scheduler.LRScheduler` and `_LRScheduler`,
    /// added to the namespaces `makeModules` built.
    func addOptimizerBaseClasses(torch: Value, collections: [String: Value], warnings: Value) {
        guard case let .module(torchNamespace) = torch, case let .module(optim)? = torchNamespace.members["optim"],
              case let .module(schedulers)? = optim.members["lr_scheduler"] else { return }
        let library = runLibrary(optimizerBaseSource, bindings: [
            "torch": torch, "defaultdict": collections["defaultdict"] ?? .none, "warnings": warnings,
        ])
        guard case let .classObject(optimizer)? = library["Optimizer"],
              case let .classObject(scheduler)? = library["LRScheduler"] else { return }
        optimizerBaseClass = optimizer
        schedulerBaseClass = scheduler
        optim.members["Optimizer"] = .classObject(optimizer)
        optim.members["optimizer"] = .module(Namespace(name: "torch.optim.optimizer", members: [
            "Optimizer": .classObject(optimizer), "required": library["required"] ?? .none,
        ]))
        schedulers.members["LRScheduler"] = .classObject(scheduler)
        schedulers.members["_LRScheduler"] = library["_LRScheduler"] ?? .none
    }
}

extension Interpreter {
    /// `abc` and `types`, from `stdlibLibrarySource`.
    func makeLibraryStdlibModules() -> [String: Value] {
        let library = runLibrary(stdlibLibrarySource, bindings: [:])
        func pick(_ names: [String]) -> [String: Value] {
            Dictionary(uniqueKeysWithValues: names.compactMap { name in library[name].map { (name, $0) } })
        }
        var abc = pick(["ABC", "abstractmethod"])
        abc["ABCMeta"] = builtinNames["type"]
        return [
            "abc": stdlibModule("abc", abc),
            "types": stdlibModule("types", pick(["SimpleNamespace"])),
        ]
    }

    /// The `@abstractmethod`s a class derived from `abc.ABC` leaves unimplemented, sorted.
    /// As in CPython, this is settled once, when the class statement runs.
    func abstractMethodNames(_ classObject: ClassObject) -> [String] {
        guard classObject.mro.contains(where: { $0.attributes["__tensortutor_abc__"] != nil }) else { return [] }
        let names = Set(classObject.mro.flatMap { $0.attributes.keys })
        return names.filter { name in
            switch classObject.lookup(name) {
            case let .function(function)?: return function.attributes["__isabstractmethod__"] != nil
            case let .native(decorated as DecoratedFunction)?: return decorated.function.attributes["__isabstractmethod__"] != nil
            case let .native(property as PropertyObject)?: return property.functions.first?.attributes["__isabstractmethod__"] != nil
            default: return false
            }
        }.sorted()
    }

    /// CPython 3.11's refusal to instantiate a class with abstract methods left.
    func checkNotAbstract(_ classObject: ClassObject) throws {
        let abstract = classObject.abstractMethods
        guard !abstract.isEmpty else { return }
        throw PythonError.typeError("Can't instantiate abstract class \(classObject.name) with abstract method"
                                    + (abstract.count == 1 ? "" : "s") + " " + abstract.joined(separator: ", "))
    }
}
