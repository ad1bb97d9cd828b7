import PySyntax

/// `with` statements: the native context managers (`torch.no_grad()`) and user classes
/// with `__enter__`/`__exit__`, whose `__exit__` may swallow the body's exception.
extension Interpreter {
    func executeWith(_ items: [WithItem], _ body: [Stmt]) throws -> ControlFlow {
        var restoreGrad: Bool?
        var entered: [NativeContextManager] = []
        var userManagers: [Value] = []
        defer {
            if let restoreGrad { gradEnabled = restoreGrad }
            for manager in entered.reversed() { try? manager.exit(self) }
        }
        for item in items {
            var context = try evaluate(item.context)
            if case let .native(object) = context, let manager = object as? GradModeContext {
                restoreGrad = restoreGrad ?? (manager.previous ?? gradEnabled)
                gradEnabled = manager.enabled
            }
            if case let .native(manager as NativeContextManager) = context {
                context = try manager.enter(self)
                entered.append(manager)
            } else if case .native = context {
                // Other native objects are accepted as they always were.
            } else {
                let manager = context
                context = try enterUserContext(manager)
                userManagers.append(manager)
            }
            if let target = item.target { try assign(context, to: target) }
        }
        let managers = entered
        entered = []
        return try exitNative(managers) { try executeWithBody(body, userManagers: userManagers) }
    }

    /// Runs `body`, then each native manager's exit, innermost first, with the body's
    /// exception; a manager that swallows it (`contextlib.suppress`) ends the statement.
    private func exitNative(_ managers: [NativeContextManager], _ body: () throws -> ControlFlow) throws -> ControlFlow {
        let flow: ControlFlow
        do {
            flow = try body()
        } catch {
            // A stop (timeout, Ctrl-C) is never offered to a manager to swallow.
            var pending = stopSignal.error == nil ? error as? PythonError : nil
            var swallowed = false
            for manager in managers.reversed() {
                if (try? manager.exit(self, raising: pending)) == true, pending != nil {
                    swallowed = true
                    pending = nil
                }
            }
            if swallowed { return .normal }
            throw error
        }
        for manager in managers.reversed() { _ = try manager.exit(self, raising: nil) }
        return flow
    }

    /// `__enter__` of a user class; any other value is not a context manager.
    private func enterUserContext(_ context: Value) throws -> Value {
        guard case let .instance(instance) = context, let enter = instance.classObject.lookup("__enter__"),
              instance.classObject.lookup("__exit__") != nil else {
            throw PythonError.typeError("'\(context.typeName)' object does not support the context manager protocol")
        }
        return try call(enter, CallArguments([context]))
    }

    /// The body, then each user manager's `__exit__`, innermost first; an `__exit__` that
    /// returns a true value swallows the body's exception, as in Python.
    private func executeWithBody(_ body: [Stmt], userManagers: [Value]) throws -> ControlFlow {
        guard !userManagers.isEmpty else { return try execute(body) }
        let flow: ControlFlow
        do {
            flow = try execute(body)
        } catch let error as PythonError {
            if let stop = stopSignal.error { throw stop }
            var suppressed = false
            for manager in userManagers.reversed() {
                let arguments: [Value] = suppressed ? [.none, .none, .none]
                    : [typeObject(of: exceptionValue(error)), exceptionValue(error), .none]
                if try truthy(try callMethod(manager, "__exit__", arguments)) { suppressed = true }
            }
            if suppressed { return .normal }
            throw error
        }
        for manager in userManagers.reversed() { _ = try callMethod(manager, "__exit__", [.none, .none, .none]) }
        return flow
    }

    func callMethod(_ receiver: Value, _ name: String, _ arguments: [Value]) throws -> Value {
        try call(try attribute(of: receiver, name), CallArguments(arguments))
    }
}
