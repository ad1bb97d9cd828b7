import Ops

/// `torch.linalg`: every table op declared with a `torch.linalg.` alias.
extension Interpreter {
    func makeLinalgNamespace() -> Namespace {
        let linalg = Namespace(name: "torch.linalg")
        for entry in OpTable.all where entry.implementation != nil {
            for qualifiedName in entry.aliases where qualifiedName.hasPrefix("torch.linalg.") {
                let name = String(qualifiedName.dropFirst("torch.linalg.".count))
                linalg.members[name] = .builtin(Builtin(name) { interpreter, arguments in
                    try interpreter.callOp(entry, receiver: nil, arguments)
                })
            }
        }
        return linalg
    }
}
