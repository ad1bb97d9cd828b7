import Diagnostics
import PySyntax
import Autograd
import TensorEngine

/// Where a running program's output goes. The command line prints it; `--json`
/// turns each call into a record; tests collect it.
public protocol OutputSink: AnyObject {
    /// Text written by `print`, newline included.
    func write(_ text: String)
    /// A UserWarning, with the 1-based line of the statement that raised it.
    func warn(_ message: String, line: Int)
    /// A warning of another category (`DeprecationWarning`); see the default in StdlibModules.
    func warn(_ message: String, category: String, line: Int)
    /// Text for standard error (`logging`); see the default in StdlibModules.
    func writeError(_ text: String)
}

/// Called for every evaluated expression node, innermost first: the explainer's hook.
public protocol EvaluationObserver: AnyObject {
    func didEvaluate(_ expr: Expr, value: Value)
    /// Called just before `backward()` runs from `roots`, while their graph is still whole.
    func willRunBackward(from roots: [Tensor])
    /// Called after a statement stored into `target`: a subscript (`x[i] = v`, `x[i] += v`)
    /// or an augmented assignment's name or attribute (`x += v`). `value` is what was stored:
    /// the right-hand side, or the augmented result (the same tensor, for an in-place update).
    func didStore(into target: Expr, value: Value)
}

extension EvaluationObserver {
    public func willRunBackward(from roots: [Tensor]) {}
    public func didStore(into target: Expr, value: Value) {}
}

/// A scope of variables: the module's globals, or one function call's locals.
final class Scope {
    var variables: [String: Value] = [:] {
        didSet { if tracksDefinitionOrder, variables.count != definitionOrder.count { syncDefinitionOrder() } }
    }
    /// The program's module scope remembers the order its names were first bound, the
    /// order `globals()` lists them in (`Scope.variables` itself has none).
    var tracksDefinitionOrder = false
    private(set) var definitionOrder: [String] = []
    let parent: Scope?
    var globalNames: Set<String> = []
    var nonlocalNames: Set<String> = []
    /// The function this scope is a call of, for `super()`.
    var function: Function?
    /// A comprehension's own scope, which `:=` skips to bind in the enclosing one.
    var isComprehension = false
    /// A class body's scope. Functions defined in it do not see it: a method named
    /// `copy` does not hide the `copy` module from the other methods.
    var isClassBody = false

    /// Set when a function is defined that closes over this call's scope.
    var definesClosures = false
    /// Functions that closed over this scope, held weakly once its call returned.
    private var returnedClosures: [String: WeakFunction] = [:]

    init(parent: Scope?) { self.parent = parent }

    func lookup(_ name: String) -> Value? {
        var scope: Scope? = self
        while let current = scope {
            if let value = current.variables[name] { return value }
            if !current.returnedClosures.isEmpty, let function = current.returnedClosures[name]?.function { return .function(function) }
            scope = current.parent
        }
        return nil
    }

    /// When a call returns, the functions defined in it that close over its scope stop
    /// being held by it. Each holds the scope, so the cycle would keep the call's locals,
    /// its tensors too, alive after every call of a function with a nested `def` or
    /// `lambda`. Whoever still holds such a function (the caller it was returned to, a
    /// hook list) keeps it, and through it the scope; it still finds itself by name.
    func releaseOwnClosures() {
        for (name, value) in variables {
            guard case let .function(function) = value, function.closure === self else { continue }
            returnedClosures[name] = WeakFunction(function)
            variables[name] = nil
        }
    }

    var root: Scope { parent?.root ?? self }

    /// Each change adds or removes one name, so a count that differs names what changed.
    private func syncDefinitionOrder() {
        if variables.count < definitionOrder.count { definitionOrder.removeAll { variables[$0] == nil } }
        if variables.count > definitionOrder.count {
            let known = Set(definitionOrder)
            definitionOrder += variables.keys.filter { !known.contains($0) }.sorted()
        }
    }
}

/// A function a scope names without keeping it alive; see `Scope.releaseOwnClosures`.
struct WeakFunction {
    weak var function: Function?
    init(_ function: Function) { self.function = function }
}

/// Evaluates parsed programs over the tensor engine. One interpreter is one session:
/// variables persist between `run` calls.
public final class Interpreter {
    let globals = Scope(parent: nil)
    var scope: Scope
    public weak var output: OutputSink?
    public weak var observer: EvaluationObserver? {
        didSet { isObserved = observer != nil }
    }
    /// Read on every evaluation instead of loading the weak reference each time.
    var isObserved = false
    /// How deeply `evaluate` is nested right now; the native stack is checked only every
    /// few levels, since one evaluation frame is tiny next to the stack's safety margin.
    var evaluationDepth = 0
    /// The source of the statement being run, for warnings' line numbers.
    var source = SourceFile(name: "<input>", text: "")
    var currentLine = 1
    /// Warning filters, loggers and the `random` generator of the stdlib modules.
    let stdlib = StdlibState()
    /// `torch.set_num_threads` and `timeit --threads`: remembered for `get_num_threads`.
    /// The kernels always follow PyTorch's one-thread order, the order recorded cases are
    /// taken with.
    public var threadCount = 1
    var callDepth = 0
    /// The generators whose bodies are running, innermost last; `yield` hands its value
    /// to the consumer of the last one.
    var runningGenerators: [GeneratorRun] = []
    /// The last id given to a value that is not an object here (`id(1.5)`).
    var freshIdentity: Int64 = 1 << 40
    /// The Python base classes of optimizers and schedulers; the native ones count as
    /// their instances too.
    var optimizerBaseClass: ClassObject?
    var schedulerBaseClass: ClassObject?
    /// `torch.Tensor`, which holds the methods a program patched onto tensors.
    let tensorType = TensorTypeObject()
    /// Python twins of native classes that user code subclasses, built on first use.
    var subclassTwins: [String: ClassObject] = [:]
    /// The module scopes the Python library ran in; see `releaseGlobals`.
    var libraryScopes: [Scope] = []
    /// torch/utils/hooks.py's `BackwardHook`, built at the first module call that needs it.
    var backwardHookClass: Value?
    /// Generator bodies started and not finished, each holding a thread.
    var suspendedGenerators = 0
    /// Generators dropped unfinished, closed at the next statement boundary.
    var generatorsToClose: [GeneratorRun] = []
    public static let defaultMaxCallDepth = 150
    public var maxCallDepth = Interpreter.defaultMaxCallDepth
    /// Sizes of Python containers and strings; see `ResourceLimits`.
    public var limits = ResourceLimits()
    /// Containers whose repr is being written, to print a self-reference as `[...]`.
    var reprInProgress: Set<ObjectIdentifier> = []
    /// The characters of the string indexed last, so `s[i]` in a loop is O(1) per item.
    var indexedString: (text: String, characters: [Character]) = ("", [])
    var jsonInProgress: Set<ObjectIdentifier> = []
    /// Set by a watchdog on another thread (timeout, output limit) to end the program.
    public var stopSignal = StopSignal()
    /// Set from a signal handler to stop evaluation at the next op or loop iteration, or
    /// inside a long op (the engine polls the same flag).
    public static var interruptRequested: Bool {
        get { OperationStop.interruptRequested }
        set { OperationStop.interruptRequested = newValue }
    }
    /// The memory use at which MemoryError was last raised (`checkObjectMemory`), or 0.
    var objectMemoryReportedAt = 0
    /// Warnings already shown, by (line, message): Python shows each once per place.
    var shownWarnings: Set<String> = []
    lazy var builtinNames: [String: Value] = makePythonBuiltins()
    lazy var modules: [String: Value] = makeModules()
    /// The callbacks every op call hands its implementation (`OpArguments`), made once:
    /// three closures built per call cost a small op several percent of its time.
    lazy var opWarn: (String) -> Void = { [unowned self] in self.warn($0) }
    lazy var opWarnOnce: (String) -> Void = { [unowned self] in self.warnOncePerProgram($0) }
    lazy var opCheckItems: (Int, String) throws -> Void = { [unowned self] in try self.limits.checkItems($0, what: $1) }
    /// Grad mode lives in the Autograd layer, which every op consults.
    var gradEnabled: Bool {
        get { GradMode.isEnabled }
        set { GradMode.set(newValue) }
    }

    public init() {
        scope = globals
        globals.tracksDefinitionOrder = true
        globals.variables["__name__"] = .string("__main__")
        // Pasted snippets rarely carry their imports, so the usual aliases are bound
        // from the start, as if `import torch`, `import torch.nn as nn`,
        // `import torch.nn.functional as F` and `import math` had run.
        for (alias, module) in [("torch", "torch"), ("nn", "torch.nn"), ("F", "torch.nn.functional"), ("math", "math")] {
            globals.variables[alias] = modules[module]
        }
    }

    /// Runs a whole module. `echo` receives the value of every top-level expression
    /// statement with its line, None included.
    public func run(_ module: Module, echo: (Value, Int) -> Void) throws {
        try OperationStop.use(stopSignal.engineFlag) { try runStatements(module, echo: echo) }
    }

    private func runStatements(_ module: Module, echo: (Value, Int) -> Void) throws {
        source = module.source
        setProgramName(module.source.name)
        for statement in module.body {
            currentLine = module.source.line(of: statement.span.start)
            if !generatorsToClose.isEmpty { closeDroppedGenerators() }
            if case let .expression(expr) = statement.kind {
                let value = try evaluate(expr)
                echo(value, currentLine)
            } else {
                try execute(statement)
            }
        }
    }

    /// Evaluates one expression in the session's global scope.
    public func evaluate(_ expr: Expr, in source: SourceFile) throws -> Value {
        self.source = source
        currentLine = source.line(of: expr.span.start)
        return try OperationStop.use(stopSignal.engineFlag) { try evaluate(expr) }
    }

    public func variable(_ name: String) -> Value? { globals.variables[name] }
    public func setVariable(_ name: String, _ value: Value) { globals.variables[name] = value }
    public var variableNames: [String] { Array(globals.variables.keys) }

    /// A UserWarning from torch itself; the `warnings` module's filters decide whether it shows.
    func warn(_ message: String) {
        try? issueWarning(message, category: ["UserWarning", "Warning"], module: "__main__", raisesErrors: false)
    }

    func checkInterrupt() throws {
        if let error = stopSignal.error { throw error }
        try checkObjectMemory()
        if Interpreter.interruptRequested {
            Interpreter.interruptRequested = false
            throw PythonError("KeyboardInterrupt", "")
        }
    }

    /// The error for an op the engine stopped early: the program's stop (a timeout) when
    /// one was requested, else Ctrl-C's KeyboardInterrupt.
    func interruptedOperationError(span: Span?) -> PythonError {
        if var stop = stopSignal.error {
            if stop.span == nil { stop.span = span }
            return stop
        }
        Interpreter.interruptRequested = false
        return PythonError("KeyboardInterrupt", "", span: span)
    }

    func lookup(_ name: String) throws -> Value {
        if let value = scope.lookup(name) { return value }
        if let value = builtinNames[name] { return value }
        throw PythonError.nameError(name)
    }

    func assignName(_ name: String, _ value: Value) {
        if scope.globalNames.contains(name) {
            globals.variables[name] = value
        } else if scope.nonlocalNames.contains(name) {
            var enclosing = scope.parent
            while let candidate = enclosing, candidate.variables[name] == nil, candidate.parent != nil { enclosing = candidate.parent }
            (enclosing ?? scope).variables[name] = value
        } else {
            scope.variables[name] = value
        }
    }
}
