/// Every op the tool knows, declared once. Binding, `torch.X`/`Tensor.X`/`F.X` lookup,
/// `:help`, keyword completion and Explain's argument lookup all read this table.
public enum OpTable {
    public static let all: [OpEntry] = reductionOps + activationOps + functionalActivationOps + lossOps + movementOps + pieceOps + stackOps
        + creationOps + unaryOps + elementwiseOps + indexingOps + linearAlgebraOps + addedProductOps + specialMathOps
        + statisticsOps + matrixBuilderOps + quantileOps + elementwiseCompositeOps
        + linalgOps + decompositionOps + singularValueOps + pseudoInverseOps + moreLossOps + gatedUnitOps + slidingBlockOps
        + instanceNormOps + adaptiveMaxPoolOps + localResponseNormOps
        + sizedViewOps + indexWriteOps
        + dropoutFamilyOps + handBoundOps + modelSetupOps + besselOps + vectorProductOps + stridedViewOps + elementwiseExtraOps + trapezoidOps

    /// Entries by every qualified spelling (`torch.sum`, `Tensor.sum`, `torch.concat`).
    public static let byQualifiedName: [String: OpEntry] = {
        var table: [String: OpEntry] = [:]
        for entry in all {
            for name in entry.qualifiedNames where table[name] == nil { table[name] = entry }
        }
        return table
    }()

    /// The usual import aliases people type: `F.` and `nn.`.
    public static func expand(_ name: String) -> String {
        if name.hasPrefix("F.") { return "torch.nn.functional." + name.dropFirst(2) }
        if name.hasPrefix("nn.") { return "torch.nn." + name.dropFirst(3) }
        return name
    }

    /// The entry for a name as typed: qualified (`torch.cat`, `F.relu`, `Tensor.view`) or bare
    /// (`cat`, tried as torch, then F, then Tensor).
    public static func lookup(_ typed: String) -> OpEntry? {
        let name = typed.trimmed
        if let entry = byQualifiedName[expand(name)] { return entry }
        let bare = String(name.split(separator: ".").last ?? "")
        for prefix in ["torch.", "torch.nn.functional.", "Tensor."] {
            if let entry = byQualifiedName[prefix + bare] { return entry }
        }
        return nil
    }

    /// The entry a call reached, given how it was spelled: a method call on a tensor
    /// (`x.sum`) or a function (`torch.sum`, `F.softmax`, or a bare builtin's name).
    public static func entry(called name: String, asMethod: Bool) -> (entry: OpEntry, qualifiedName: String)? {
        // A function named by its qualified spelling is that entry: `F.alpha_dropout` is
        // bound as `torch.nn.functional.alpha_dropout`, apart from `torch.alpha_dropout`.
        if !asMethod, name.hasPrefix("torch."), let entry = byQualifiedName[name] { return (entry, name) }
        let candidates = asMethod ? ["Tensor." + name]
            : ["torch." + name, "torch.nn.functional." + name, "torch.nn." + name, "torch.linalg." + name, "torch.special." + name,
               "torch.nn.init." + name]
        for qualified in candidates {
            if let entry = byQualifiedName[qualified] { return (entry, qualified) }
        }
        return nil
    }
}
