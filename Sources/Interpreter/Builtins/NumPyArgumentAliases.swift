extension CallArguments {
    /// `x.sum(axis=1, keepdims=True)` read as `x.sum(dim=1, keepdim=True)`, as PyTorch's
    /// argument parser accepts numpy's spellings; a keyword given both ways stays as given.
    func withNumPyAliases() -> CallArguments {
        guard keywords.contains(where: { $0.name == "axis" || $0.name == "keepdims" }) else { return self }
        let names = Set(keywords.map(\.name))
        var renamed = self
        renamed.keywords = keywords.map { keyword in
            switch keyword.name {
            case "axis" where !names.contains("dim"): return (name: "dim", value: keyword.value)
            case "keepdims" where !names.contains("keepdim"): return (name: "keepdim", value: keyword.value)
            default: return keyword
            }
        }
        return renamed
    }
}
