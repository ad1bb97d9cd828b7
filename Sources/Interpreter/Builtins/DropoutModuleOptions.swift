/// What `_DropoutNd.__init__` keeps for every dropout layer (`nn.Dropout`, `nn.Dropout2d`,
/// `nn.AlphaDropout`, ...): p, checked as Python compares it (NaN passes, and forward's ATen
/// check rejects it), and `inplace`. The repr shows both as given: `p=1`, `inplace=True`.
struct DropoutModuleOptions {
    /// p as given, for the repr and for the `F.` function forward calls.
    let p: Value
    let probability: Double
    let inplace: Bool
    let description: String
}

extension Interpreter {
    func dropoutModuleOptions(_ arguments: CallArguments) throws -> DropoutModuleOptions {
        let bound = try arguments.bind("_DropoutNd.__init__", ["p", "inplace"])
        let p = bound.values["p"] ?? .float(0.5)
        let probability = try rangeCheckedDropoutProbability(p, comparedWith: "int")
        let inplace = bound.values["inplace"] ?? .bool(false)
        return DropoutModuleOptions(p: p, probability: probability, inplace: try truthy(inplace),
                                    description: "p=\(try str(p)), inplace=\(try str(inplace))")
    }
}
